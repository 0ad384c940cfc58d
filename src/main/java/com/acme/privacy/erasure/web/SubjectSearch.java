package com.acme.privacy.erasure.web;

import org.springframework.modulith.NamedInterface;

import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.PhoneNumber;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One subject, by exactly one identifier, sent in a body so that it never lands in a URL or access log: a search here,
 * a check of the suppression list there, read by the same rules.
 */
@NamedInterface("subjects")
public record SubjectSearch(
        @Schema(description = "One of email and phoneNumber", example = "jane.doe@example.com")
        @Size(min = 1, max = 254) @Email @PlainText
        String email,
        @Schema(description = "One of email and phoneNumber; E.164")
        @Pattern(regexp = PhoneNumber.E164, message = TextRules.E164_MESSAGE)
        String phoneNumber) {

    public SubjectSearch {
        email = email == null ? null : EmailAddress.normalize(email);
        phoneNumber = phoneNumber == null ? null : phoneNumber.strip();
    }

    @AssertTrue(message = "give exactly one of email or phoneNumber")
    boolean isExactlyOneIdentifier() {
        return (email == null) != (phoneNumber == null);
    }

    @Override
    public String toString() {
        return "SubjectSearch[" + (email != null ? "email" : "phoneNumber") + "]";
    }
}
