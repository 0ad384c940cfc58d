package com.acme.privacy.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import com.acme.privacy.pii.NamesNoSubject;

import jakarta.validation.constraints.AssertFalse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What an ADMIN gives for an action. The reason goes into the undeletable audit trail and shows on every request
 * page, so it must not name the subject.
 *
 * @param dueDate the new deadline's date (yyyy-MM-dd) for an extension, blank for the longest allowed; other actions
 *                ignore it. Text, not a date, so that a malformed one is reported without repeating it.
 */
record ActionForm(
        @NotBlank(message = "Give a reason: it is recorded in the audit trail.")
        @Size(max = 500, message = "Keep the reason under 500 characters.")
        @NamesNoSubject(message = "Leave email addresses and phone numbers out of the reason: it is kept for years and "
                + "shown to everyone who reads the request. Refer to a ticket instead.")
        String reason,
        String dueDate) {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\r\\n\\t]]");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    ActionForm {
        reason = reason == null ? null : reason.strip();
        dueDate = dueDate == null || dueDate.isBlank() ? null : dueDate.strip();
    }

    @AssertFalse(message = "The reason contains control characters.")
    boolean isControlled() {
        return reason != null && CONTROL.matcher(reason).find();
    }

    @AssertFalse(message = "Give the new deadline as a date, such as 2027-01-31.")
    boolean isDueDateMalformed() {
        return dueDate != null && date() == null;
    }

    /** The chosen date, or {@code null} when none (or none that parses) was given. */
    LocalDate date() {
        if (dueDate == null || !DATE.matcher(dueDate).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(dueDate);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The deadline this form asks for: the chosen day at the current deadline's time of day (UTC), so that days are
     * counted as the regulation counts them; {@code null} (the service then extends as far as allowed) when no date
     * was chosen or the latest allowed one was.
     */
    Instant deadline(Instant dueAt, Instant latest) {
        LocalDate chosen = date();
        if (chosen == null || chosen.equals(LocalDate.ofInstant(latest, ZoneOffset.UTC))) {
            return null;
        }
        return chosen.atTime(dueAt.atOffset(ZoneOffset.UTC).toLocalTime()).toInstant(ZoneOffset.UTC);
    }
}
