package com.acme.privacy.testsupport;

/** The API keys of the test callers configured in application-test.yml. */
public final class TestClients {

    private TestClients() {
    }

    public static String key(String client) {
        return "test-key-" + client;
    }
}
