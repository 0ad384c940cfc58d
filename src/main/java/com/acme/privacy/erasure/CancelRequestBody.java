package com.acme.privacy.erasure;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record CancelRequestBody(
        @Size(max = 500) @Pattern(regexp = TextRules.NO_CONTROL_CHARACTERS, message = TextRules.NO_CONTROL_MESSAGE)
        String reason) {
}
