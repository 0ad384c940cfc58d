package com.acme.privacy.console;

import java.util.regex.Pattern;

import jakarta.validation.constraints.AssertFalse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Why an ADMIN acts; it goes into the undeletable audit trail and shows on every request page, so it must not name
 * the subject.
 */
record ActionReason(
        @NotBlank(message = "Give a reason: it is recorded in the audit trail.")
        @Size(max = 500, message = "Keep the reason under 500 characters.")
        String reason) {

    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
    /** A plus and seven digits, or nine digits in a row: a phone number, where dates and ticket numbers are shorter. */
    private static final Pattern PHONE = Pattern.compile("\\+\\s?\\d(?:[\\s().-]?\\d){6,}|\\d(?:[\\s().-]?\\d){8,}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\r\\n\\t]]");

    ActionReason {
        reason = reason == null ? null : reason.strip();
    }

    @AssertFalse(message = "Leave email addresses and phone numbers out of the reason: it is kept for years and shown to "
            + "everyone who reads the request. Refer to a ticket instead.")
    boolean isNamingTheSubject() {
        return reason != null && (EMAIL.matcher(reason).find() || PHONE.matcher(reason).find());
    }

    @AssertFalse(message = "The reason contains control characters.")
    boolean isControlled() {
        return reason != null && CONTROL.matcher(reason).find();
    }
}
