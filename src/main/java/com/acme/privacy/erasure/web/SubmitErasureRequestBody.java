package com.acme.privacy.erasure.web;

import java.time.Instant;

import com.acme.privacy.erasure.ErasureSubmission;
import com.acme.privacy.erasure.Regulation;
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
        @Schema(example = "jane.doe@example.com", description = "Trimmed; the domain is lower-cased. A plain mailbox "
                + "address: no quoted local part, no address literal")
        @NotBlank @Size(max = 254) @Email @PlainText
        @Pattern(regexp = EmailAddress.MAILBOX, message = TextRules.MAILBOX_MESSAGE)
        String email,
        @Schema(example = "+4915112345678", description = "E.164")
        @Pattern(regexp = PhoneNumber.E164, message = TextRules.E164_MESSAGE)
        String phoneNumber,
        @Schema(example = "GDPR")
        @NotNull
        Regulation regulation,
        @Schema(example = "TICKET-4711", description = "The portal's own reference")
        @Size(max = 200) @PlainText @Pattern(regexp = TextRules.NOT_BLANK, message = TextRules.NOT_BLANK_MESSAGE)
        String externalReference,
        @Schema(description = "When the data subject asked, ISO-8601 with an offset; defaults to now. Deadlines count from "
                + "it. At most privacy.erasure.max-receipt-age (90 days) in the past.", example = "2026-11-27T09:30:00Z")
        Instant receivedAt,
        @Schema(description = "Ordering guard: nothing is sent to Gong before this time (ISO-8601 with an offset), e.g. "
                + "once the CRM and mail erasures have run. Before the deadline; not with holdUntilConfirmed.")
        Instant notBefore,
        @Schema(description = "Ordering guard: nothing is sent to Gong until POST /{id}/release confirms it may go. The "
                + "request is HELD meanwhile, and its deadline still runs.")
        Boolean holdUntilConfirmed) {

    SubmitErasureRequestBody {
        email = email == null ? null : EmailAddress.normalize(email);
        phoneNumber = phoneNumber == null ? null : phoneNumber.strip();
    }

    /** @param source the authenticated client, never a value from the body */
    ErasureSubmission toSubmission(String source, String idempotencyKey) {
        return new ErasureSubmission(new EmailAddress(email), phoneNumber == null ? null : new PhoneNumber(phoneNumber),
                regulation, source, externalReference, receivedAt, idempotencyKey, RequestCorrelation.current(), notBefore,
                Boolean.TRUE.equals(holdUntilConfirmed));
    }

    @Override
    public String toString() {
        return "SubmitErasureRequestBody[regulation=" + regulation + "]";
    }
}
