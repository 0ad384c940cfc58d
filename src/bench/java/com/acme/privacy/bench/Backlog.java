package com.acme.privacy.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Requests submitted through the API: a backlog loaded while dispatching is paused and then released at once, or
 * submissions one after another while the service dispatches.
 */
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
                HttpRequest request = submission(service);
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

    /** One client, one submission at a time, one every {@code gap}, to each service in turn. */
    static void submitOneByOne(List<ServiceProcess> services, int requests, Duration gap) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long next = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
            next += gap.toNanos();
            int status = http.send(submission(services.get(i % services.size())), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 202) {
                throw new IllegalStateException("Intake answered " + status);
            }
        }
    }

    private static HttpRequest submission(ServiceProcess service) {
        String body = "{\"email\":\"bench-" + UUID.randomUUID() + "@example.com\",\"regulation\":\"GDPR\"}";
        return HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + "/api/v1/erasure-requests"))
                .header("Content-Type", "application/json").header("X-API-Key", ServiceProcess.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
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
