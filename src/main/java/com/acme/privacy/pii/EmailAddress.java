package com.acme.privacy.pii;

import java.util.Locale;
import java.util.Objects;

/**
 * A normalised email address: surrounding whitespace removed and the domain lower-cased. The local part keeps
 * its case because it is what Gong receives; lookups ignore case through {@link #lookupForm()}.
 * {@link #toString()} masks the address, so logging one by accident leaks nothing.
 */
public record EmailAddress(String value) {

    /**
     * Without the characters that only a quoted local part ({@code "jane doe"@example.com}) or an address literal
     * ({@code jane@[192.0.2.1]}) can hold. Gong matches the addresses it found in emails, calls and CRM records, which
     * are plain mailbox addresses; new submissions in those forms are refused rather than validated exactly.
     */
    public static final String MAILBOX = "[^\"\\\\\\[\\]]*";

    public EmailAddress {
        Objects.requireNonNull(value, "value");
        value = normalize(value);
        if (value.indexOf('@') <= 0 || value.endsWith("@")) {
            throw new IllegalArgumentException("Not an email address");
        }
    }

    public static String normalize(String raw) {
        String trimmed = raw.strip();
        int at = trimmed.lastIndexOf('@');
        return at < 0 ? trimmed : trimmed.substring(0, at + 1) + trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    String lookupForm() {
        return value.toLowerCase(Locale.ROOT);
    }

    public String masked() {
        int at = value.lastIndexOf('@');
        return value.charAt(0) + "***" + value.substring(at);
    }

    @Override
    public String toString() {
        return masked();
    }
}
