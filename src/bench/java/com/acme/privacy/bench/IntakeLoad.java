package com.acme.privacy.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator, run as a process of its own so that it does not share the service's JVM or CPU accounting:
 * {@code IntakeLoad <base-url> <api-key> <connections> <seconds> [<requests-per-second>]}. Each connection submits a
 * new subject after the last answer (closed model), or at a fixed overall rate when one is given (open model). Prints
 * one line: {@code requests errors seconds p50 p99 p999} (latencies in milliseconds).
 */
public final class IntakeLoad {

    private IntakeLoad() {
    }

    public static void main(String[] args) throws Exception {
        URI target = URI.create(args[0] + "/api/v1/erasure-requests");
        String apiKey = args[1];
        int connections = Integer.parseInt(args[2]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[3]));
        double rate = args.length > 4 ? Double.parseDouble(args[4]) : 0;

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long[] latencies = new long[2_000_000];
        AtomicInteger recorded = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong nextSlot = new AtomicLong(System.nanoTime());
        long interval = rate > 0 ? Math.round(1e9 / rate) : 0;
        long end = System.nanoTime() + duration.toNanos();
        CountDownLatch done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            Thread worker = new Thread(() -> {
                while (true) {
                    long start = System.nanoTime();
                    if (interval > 0) {
                        // Open model: latency counts from the request's scheduled time, so queueing shows.
                        start = nextSlot.getAndAdd(interval);
                        long wait = start - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                    if (System.nanoTime() >= end) {
                        break;
                    }
                    try {
                        String body = "{\"email\":\"load-" + UUID.randomUUID() + "@example.com\",\"regulation\":\"GDPR\"}";
                        int status = http.send(HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                                .header("X-API-Key", apiKey).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 202) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    int slot = recorded.getAndIncrement();
                    if (slot < latencies.length) {
                        latencies[slot] = System.nanoTime() - start;
                    }
                }
                done.countDown();
            });
            worker.start();
        }
        long started = System.nanoTime();
        done.await();
        double seconds = (System.nanoTime() - started) / 1e9;
        int n = Math.min(recorded.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        System.out.printf("%d %d %.3f %.3f %.3f %.3f%n", n, errors.get(), seconds, percentile(sorted, 0.50),
                percentile(sorted, 0.99), percentile(sorted, 0.999));
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
    }
}
