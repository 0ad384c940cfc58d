package com.acme.privacy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;

import org.junit.jupiter.api.Test;

class RedactedFailureTest {

    @Test
    void keepsTypesAndFramesButNoMessageThatCouldQuoteAnIdentifier() {
        IllegalArgumentException original = new IllegalArgumentException("Illegal character in query at index 42: "
                + "https://api.gong.io/v2/data-privacy/erase-data-for-email-address?emailAddress=jane doe@example.com",
                new IllegalStateException("jane doe@example.com"));
        try {
            URI.create("https://api.gong.io/?emailAddress=jane doe@example.com");
        } catch (IllegalArgumentException e) {
            original.addSuppressed(e);
        }

        StringWriter logged = new StringWriter();
        RedactedFailure.of(original).printStackTrace(new PrintWriter(logged));

        assertThat(logged.toString())
                .contains("java.lang.IllegalArgumentException", "Caused by: java.lang.IllegalStateException", "RedactedFailureTest.java")
                .doesNotContain("jane", "example.com", "gong.io");
    }
}
