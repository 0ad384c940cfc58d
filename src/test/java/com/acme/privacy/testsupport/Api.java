package com.acme.privacy.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.awaitility.Awaitility;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.jayway.jsonpath.JsonPath;

/** A client of the service's HTTP API, for tests. */
public final class Api {

    public static final String REQUESTS = "/api/v1/erasure-requests";

    private final int port;
    private final RestTestClient client;

    /** A client calling as {@code tester}, which may submit and administer. */
    public Api(int port) {
        this(port, "tester");
    }

    private Api(int port, String caller) {
        this.port = port;
        this.client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeader("X-API-Key", TestClients.key(caller)).build();
    }

    /** The same service, called with another test client's API key. */
    public Api as(String caller) {
        return new Api(port, caller);
    }

    public RestTestClient client() {
        return client;
    }

    public RestTestClient.ResponseSpec submit(String json) {
        return client.post().uri(REQUESTS).contentType(MediaType.APPLICATION_JSON).body(json).exchange();
    }

    public RestTestClient.ResponseSpec submit(String json, String idempotencyKey) {
        return client.post().uri(REQUESTS).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", idempotencyKey).body(json).exchange();
    }

    /** Submits and returns the new request's id. */
    public String create(String json) {
        return JsonPath.read(body(submit(json).expectStatus().isAccepted()), "$.id");
    }

    public RestTestClient.ResponseSpec get(String id) {
        return client.get().uri(REQUESTS + "/{id}", id).exchange();
    }

    public RestTestClient.ResponseSpec search(String json) {
        return client.post().uri(REQUESTS + "/search").contentType(MediaType.APPLICATION_JSON).body(json).exchange();
    }

    public RestTestClient.ResponseSpec list(String query) {
        return client.get().uri(REQUESTS + "?" + query).exchange();
    }

    public RestTestClient.ResponseSpec cancel(String id) {
        return client.post().uri(REQUESTS + "/{id}/cancel", id).exchange();
    }

    public RestTestClient.ResponseSpec retry(String id) {
        return client.post().uri(REQUESTS + "/{id}/retry", id).exchange();
    }

    /** An operator action with a body: {@code extend}, {@code release}, ... */
    public RestTestClient.ResponseSpec act(String id, String action, String json) {
        return client.post().uri(REQUESTS + "/{id}/" + action, id).contentType(MediaType.APPLICATION_JSON).body(json).exchange();
    }

    /** Waits until the request reaches {@code status} and returns its details. */
    public String awaitStatus(String id, String status) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> body(get(id).expectStatus().isOk()), details -> status.equals(JsonPath.read(details, "$.status")));
    }

    public static String body(RestTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    /** A submission body for a subject; a {@code null} value leaves the field out. */
    public static String request(String email, String phoneNumber, String regulation) {
        StringBuilder json = new StringBuilder("{");
        append(json, "email", email);
        append(json, "phoneNumber", phoneNumber);
        append(json, "regulation", regulation);
        return json.append('}').toString();
    }

    private static void append(StringBuilder json, String field, String value) {
        if (value == null) {
            return;
        }
        if (json.length() > 1) {
            json.append(',');
        }
        json.append('"').append(field).append("\":\"").append(value).append('"');
    }
}
