package com.acme.privacy.erasure.web;

final class TextRules {

    static final String E164_MESSAGE = "must be an E.164 number: '+', country code and number, e.g. +4915112345678";
    static final String MAILBOX_MESSAGE = "must be a plain mailbox address: no quoted local part, no address literal such as [192.0.2.1]";
    /** Some character that is not white space: an optional field is left out, never sent blank. */
    static final String NOT_BLANK = "(?sU).*\\S.*";
    static final String NOT_BLANK_MESSAGE = "must not be blank";

    private TextRules() {
    }
}
