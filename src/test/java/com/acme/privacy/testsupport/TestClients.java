package com.acme.privacy.testsupport;

import org.springframework.test.web.servlet.client.RestTestClient;

/** The API keys of the test callers configured in application-test.yml. */
public final class TestClients {

    private TestClients() {
    }

    public static String key(String client) {
        return "test-key-" + client;
    }

    /** The management port, called as the VIEWER {@code compliance}, who may see health details. */
    public static RestTestClient management(int port) {
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).defaultHeader("X-API-Key", key("compliance")).build();
    }
}
