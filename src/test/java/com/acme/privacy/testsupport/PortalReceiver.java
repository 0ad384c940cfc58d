package com.acme.privacy.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A portal's callback endpoint on a real HTTP server: it records every delivery and answers as scripted (200 unless
 * told otherwise). Its secret is made for the run.
 */
public final class PortalReceiver implements AutoCloseable {

    /** One delivery as it arrived. */
    public record Delivery(Instant at, HttpHeaders headers, String body, int answered) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpServer server;
    private final String secret;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Integer> script = new ConcurrentLinkedDeque<>();
    private volatile int standing = 200;
    private volatile Duration delay = Duration.ZERO;
    private volatile Consumer<Delivery> watcher = delivery -> { };
    private final ScheduledExecutorService slowAnswers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "portal-receiver-answers");
        thread.setDaemon(true);
        return thread;
    });

    private PortalReceiver(HttpServer server, String secret) {
        this.server = server;
        this.secret = secret;
    }

    public static PortalReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            PortalReceiver receiver = new PortalReceiver(server, "whsec_" + Base64.getEncoder().encodeToString(key));
            server.createContext("/callbacks", receiver::handle);
            server.setExecutor(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "portal-receiver");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the portal receiver", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/callbacks";
    }

    public String secret() {
        return secret;
    }

    /** The properties that register this receiver as the callback of {@code source}, as portal {@code index}. */
    public Map<String, Object> properties(int index, String source) {
        String prefix = "privacy.callbacks.portals[" + index + "].";
        return Map.of(prefix + "source", source, prefix + "url", url(), prefix + "secret", secret);
    }

    public List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    /** Answers the next deliveries with these statuses, then as standing. */
    public void answer(Integer... statuses) {
        script.addAll(List.of(statuses));
    }

    public void answerAlways(int status) {
        standing = status;
    }

    /** Called with every delivery as it arrives. */
    public void onDelivery(Consumer<Delivery> watcher) {
        this.watcher = watcher;
    }

    /** Answers this long after the delivery arrived. */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    public void reset() {
        script.clear();
        standing = 200;
        delay = Duration.ZERO;
        deliveries.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        slowAnswers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Integer scripted = script.poll();
        int status = scripted != null ? scripted : standing;
        Delivery delivery = new Delivery(Instant.now(), HttpHeaders.of(exchange.getRequestHeaders(), (name, value) -> true), body, status);
        deliveries.add(delivery);
        watcher.accept(delivery);
        slowAnswers.schedule(() -> answer(exchange, status), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void answer(HttpExchange exchange, int status) {
        try {
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException e) {
            // The service gave up waiting; that is what a slow portal is for.
        } finally {
            exchange.close();
        }
    }
}
