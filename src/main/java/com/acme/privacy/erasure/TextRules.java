package com.acme.privacy.erasure;

final class TextRules {

    /** No control, format (e.g. bidi overrides) or line/paragraph separator characters. */
    static final String NO_CONTROL_CHARACTERS = "[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]*";
    static final String NO_CONTROL_MESSAGE = "must not contain control characters";
    static final String E164_MESSAGE = "must be an E.164 number: '+', country code and number, e.g. +4915112345678";

    private TextRules() {
    }
}
