package com.acme.privacy.pii;

import java.util.Objects;
import java.util.regex.Pattern;

/** A phone number in E.164 form ({@code +} and up to 15 digits). {@link #toString()} masks it. */
public record PhoneNumber(String value) {

    public static final String E164 = "\\+[1-9][0-9]{1,14}";
    private static final Pattern E164_PATTERN = Pattern.compile(E164);

    public PhoneNumber {
        Objects.requireNonNull(value, "value");
        value = value.strip();
        if (!E164_PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("Not an E.164 phone number");
        }
    }

    /** Keeps the country code and two more digits, and the last two: {@code +4915******89}. */
    public String masked() {
        String digits = value.substring(1);
        int head = digits.length() >= 8 ? 4 : 1;
        int tail = digits.length() >= 8 ? 2 : 0;
        return "+" + digits.substring(0, head) + "*".repeat(digits.length() - head - tail)
                + digits.substring(digits.length() - tail);
    }

    @Override
    public String toString() {
        return masked();
    }
}
