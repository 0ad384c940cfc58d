package com.acme.privacy.erasure;

import java.time.Instant;

import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.PhoneNumber;
import com.acme.privacy.web.RequestCorrelation;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The JSON a portal posts. Normalises in the constructor so that validation sees what will be stored. */
record SubmitErasureRequestBody(
        @Schema(example = "jane.doe@example.com", description = "Trimmed; the domain is lower-cased")
        @NotBlank @Size(max = 254) @Email @Pattern(regexp = TextRules.NO_CONTROL_CHARACTERS, message = TextRules.NO_CONTROL_MESSAGE)
        String email,
        @Schema(example = "+4915112345678", description = "E.164")
        @Pattern(regexp = PhoneNumber.E164, message = TextRules.E164_MESSAGE)
        String phoneNumber,
        @NotNull
        Regulation regulation,
        @Schema(example = "TICKET-4711", description = "The portal's own reference")
        @Size(max = 200) @Pattern(regexp = TextRules.NO_CONTROL_CHARACTERS, message = TextRules.NO_CONTROL_MESSAGE)
        String externalReference,
        @Schema(description = "When the data subject asked; defaults to now. Deadlines count from it.")
        Instant receivedAt) {

    SubmitErasureRequestBody {
        email = email == null ? null : EmailAddress.normalize(email);
        phoneNumber = phoneNumber == null ? null : phoneNumber.strip();
    }

    /** @param source the authenticated client, never a value from the body */
    ErasureSubmission toSubmission(String source, String idempotencyKey) {
        return new ErasureSubmission(new EmailAddress(email), phoneNumber == null ? null : new PhoneNumber(phoneNumber),
                regulation, source, externalReference, receivedAt, idempotencyKey, RequestCorrelation.current());
    }

    @Override
    public String toString() {
        return "SubmitErasureRequestBody[regulation=" + regulation + "]";
    }
}
