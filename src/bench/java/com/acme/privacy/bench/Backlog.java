package com.acme.privacy.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/** A backlog of requests submitted through the API while dispatching is paused, then released at once. */
final class Backlog {

    private Backlog() {
    }

    static void submitPaused(JdbcClient jdbc, ServiceProcess service, int requests) throws Exception {
        pause(jdbc);
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String body = "{\"email\":\"bench-" + UUID.randomUUID() + "@example.com\",\"regulation\":\"GDPR\"}";
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + "/api/v1/erasure-requests"))
                        .header("Content-Type", "application/json").header("X-API-Key", ServiceProcess.API_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                answers.add(clients.submit(() -> http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                if (answer.get() != 202) {
                    throw new IllegalStateException("Intake answered " + answer.get());
                }
            }
        } finally {
            clients.shutdown();
        }
    }

    static void pause(JdbcClient jdbc) {
        jdbc.sql("UPDATE dispatch_pause SET paused_until = now() + interval '1 hour'").update();
    }

    static void release(JdbcClient jdbc) {
        jdbc.sql("UPDATE dispatch_pause SET paused_until = NULL").update();
    }

    static int count(JdbcClient jdbc, String status) {
        return jdbc.sql("SELECT count(*) FROM erasure_request WHERE status = ?").param(status).query(Integer.class).single();
    }
}
