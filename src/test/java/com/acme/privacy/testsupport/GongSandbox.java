package com.acme.privacy.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for Gong's data-privacy API, served over real HTTP: it checks Basic or Bearer auth, meters calls with a
 * leaky bucket (3 calls/s) and a daily cap and answers 429 with Retry-After beyond them, records every call, can be
 * told to fail, and reports data for an address until an erasure for it arrives.
 */
public final class GongSandbox implements AutoCloseable {

    public static final String ACCESS_KEY = "sandbox-access-key";
    public static final String ACCESS_KEY_SECRET = "sandbox-access-key-secret";
    public static final String BEARER_TOKEN = "sandbox-bearer-token";

    private static final String PREFIX = "/v2/data-privacy/";
    private static final Map<String, String[]> ENDPOINTS = Map.of(
            "erase-data-for-email-address", new String[] {"POST", "emailAddress"},
            "erase-data-for-phone-number", new String[] {"POST", "phoneNumber"},
            "data-for-email-address", new String[] {"GET", "emailAddress"},
            "data-for-phone-number", new String[] {"GET", "phoneNumber"});

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<ReceivedCall> calls = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<Reply> checkScript = new ConcurrentLinkedDeque<>();
    private final Set<String> erased = ConcurrentHashMap.newKeySet();
    private final Set<String> retained = ConcurrentHashMap.newKeySet();
    private volatile LeakyBucket bucket = new LeakyBucket(3, 3.0);
    private final ScheduledExecutorService slowAnswers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gong-sandbox-slow");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Reply standing;
    private volatile int dailyCap = 10_000;
    private LocalDate day = LocalDate.now(ZoneOffset.UTC);
    private int usedToday;

    static {
        // The JDK server writes headers and body apart; with Nagle on, a keep-alive client's delayed ACK holds the
        // body back 40 ms per call once the connection turns interactive.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private GongSandbox(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "gong-sandbox");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public static GongSandbox start() {
        return start(0);
    }

    public static GongSandbox start(int port) {
        try {
            return new GongSandbox(port);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the Gong sandbox", e);
        }
    }

    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Properties that point the service at this sandbox with Basic auth. */
    public Map<String, Object> properties() {
        return Map.of("privacy.gong.base-url", baseUrl(),
                "privacy.gong.access-key", ACCESS_KEY,
                "privacy.gong.access-key-secret", ACCESS_KEY_SECRET);
    }

    /** Every call received, oldest first. */
    public List<ReceivedCall> calls() {
        return List.copyOf(calls);
    }

    public List<ReceivedCall> erasures() {
        return calls.stream().filter(call -> call.path().contains("/erase-")).toList();
    }

    /** Answers the next erase calls with these replies, in order, before behaving normally again. */
    public void enqueue(Reply... replies) {
        script.addAll(List.of(replies));
    }

    /** Answers every erase call with this reply until {@link #behave()}. */
    public void answerAlways(Reply reply) {
        standing = reply;
    }

    public void behave() {
        standing = null;
        script.clear();
        checkScript.clear();
    }

    /** Answers the next data-for calls with these replies, in order, before behaving normally again. */
    public void enqueueChecks(Reply... replies) {
        checkScript.addAll(List.of(replies));
    }

    /**
     * Keeps data of this subject (an address or number) through any erasure, as when Gong re-imports it from a CRM
     * that still has it. Addresses whose local part starts with {@code keep-data} are always kept, so that a local run
     * can show a request that needs attention.
     */
    public void retainDataFor(String identifier) {
        retained.add(identifier.toLowerCase(Locale.ROOT));
    }

    /** Lets erasures of this subject work again. */
    public void releaseDataFor(String identifier) {
        retained.remove(identifier.toLowerCase(Locale.ROOT));
    }

    public synchronized void dailyCap(int cap) {
        dailyCap = cap;
    }

    /**
     * Meters with a leaky bucket of this rate and capacity. Capacity 1 is the strictest reading of Gong's limit: any
     * two calls closer than {@code 1 / perSecond} get a 429.
     */
    public void meter(double perSecond, double capacity) {
        bucket = new LeakyBucket(capacity, perSecond);
    }

    /** No rate limit at all, e.g. to measure the service's own ceiling. */
    public void unmetered() {
        bucket = new LeakyBucket(Double.MAX_VALUE, Double.MAX_VALUE);
    }

    /** Forgets calls, erasures, scripts and metering. */
    public synchronized void reset() {
        behave();
        calls.clear();
        erased.clear();
        retained.clear();
        bucket = new LeakyBucket(3, 3.0);
        usedToday = 0;
        dailyCap = 10_000;
    }

    @Override
    public void close() {
        server.stop(0);
        slowAnswers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant arrived = Instant.now();
        String requestId = UUID.randomUUID().toString();
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String name = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        String[] endpoint = ENDPOINTS.get(name);
        Answer answer;
        if (endpoint == null) {
            answer = Answer.error(404, requestId, "Not found");
        } else if (!endpoint[0].equals(exchange.getRequestMethod())) {
            answer = Answer.error(405, requestId, "Method not allowed");
        } else if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer = Answer.error(401, requestId, "Unauthorized");
        } else {
            answer = meter(requestId);
            if (answer == null) {
                answer = respond(name, query.get(endpoint[1]), requestId);
            }
        }
        calls.add(new ReceivedCall(arrived, exchange.getRequestMethod(), path, endpoint == null ? null : query.get(endpoint[1]),
                answer.status(), requestId));
        send(exchange, answer);
    }

    private Answer respond(String name, String identifier, String requestId) {
        if (identifier == null || identifier.isBlank()) {
            return Answer.error(400, requestId, "Missing parameter");
        }
        if (name.contains("phone") && !identifier.matches("\\+[0-9]{2,15}")) {
            return Answer.error(400, requestId, "phoneNumber must include '+' and the country code");
        }
        boolean erase = name.startsWith("erase-");
        if (erase) {
            Reply reply = script.poll();
            if (reply == null) {
                reply = standing;
            }
            if (reply != null && !reply.succeed()) {
                return reply.answer(requestId, identifier);
            }
            erased.add(identifier.toLowerCase(Locale.ROOT));
            if (reply != null) {
                return reply.answer(requestId, identifier);
            }
            return new Answer(200, Map.of("requestId", requestId), null, Duration.ZERO, Duration.ZERO, 0);
        }
        Reply scripted = checkScript.poll();
        if (scripted != null) {
            return scripted.answer(requestId, identifier);
        }
        String subject = identifier.toLowerCase(Locale.ROOT);
        boolean gone = erased.contains(subject) && !retained.contains(subject) && !subject.startsWith("keep-data");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", requestId);
        body.put("emails", gone ? List.of() : List.of(Map.of("id", "e-1")));
        body.put("calls", gone ? List.of() : List.of(Map.of("id", "c-1")));
        body.put("meetings", List.of());
        body.put("customerData", gone ? List.of() : List.of(Map.of("objectType", "Lead")));
        return new Answer(200, body, null, Duration.ZERO, Duration.ZERO, 0);
    }

    private synchronized Answer meter(String requestId) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (!today.equals(day)) {
            day = today;
            usedToday = 0;
        }
        if (usedToday >= dailyCap) {
            long toMidnight = Duration.between(Instant.now(), today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)).toSeconds() + 1;
            return new Answer(429, Map.of("requestId", requestId, "errors", List.of("Daily limit exceeded")), String.valueOf(toMidnight),
                    Duration.ZERO, Duration.ZERO, 0);
        }
        if (!bucket.tryAdd()) {
            return new Answer(429, Map.of("requestId", requestId, "errors", List.of("Too many requests")), "1", Duration.ZERO,
                    Duration.ZERO, 0);
        }
        usedToday++;
        return null;
    }

    private static boolean authorized(String header) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((ACCESS_KEY + ":" + ACCESS_KEY_SECRET).getBytes(StandardCharsets.UTF_8));
        return basic.equals(header) || ("Bearer " + BEARER_TOKEN).equals(header);
    }

    /** A slow answer is written later from a scheduler, leaving the exchange open meanwhile, as a slow server would. */
    private void send(HttpExchange exchange, Answer answer) {
        if (answer.delay().isZero()) {
            write(exchange, answer);
        } else {
            slowAnswers.schedule(() -> write(exchange, answer), answer.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void write(HttpExchange exchange, Answer answer) {
        Map<String, Object> fields = new LinkedHashMap<>(answer.body());
        if (answer.padding() > 0) {
            fields.put("padding", "x".repeat(answer.padding()));
        }
        byte[] body = json.writeValueAsBytes(fields);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
        }
        try {
            exchange.sendResponseHeaders(answer.status(), body.length);
            OutputStream out = exchange.getResponseBody();
            if (answer.bodyStall().isZero()) {
                out.write(body);
                out.close();
                return;
            }
            // Headers and half the body now, the rest much later: a proxy or server that stalls mid-answer.
            out.write(body, 0, body.length / 2);
            out.flush();
            slowAnswers.schedule(() -> finish(out, body), answer.bodyStall().toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            // The client gave up waiting (a timeout under test); nothing more to say.
        }
    }

    private static void finish(OutputStream out, byte[] body) {
        try {
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.close();
        } catch (IOException e) {
            // The client gave up waiting.
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    /** One call as the sandbox received it, with the identifier decoded from the query string. */
    public record ReceivedCall(Instant at, String method, String path, String identifier, int status, String requestId) {
    }

    /**
     * @param delay     before anything is sent
     * @param bodyStall between the first and the second half of the body
     * @param padding   length of a filler field after the others, to make the body large
     */
    private record Answer(int status, Map<String, ?> body, String retryAfter, Duration delay, Duration bodyStall, int padding) {

        static Answer error(int status, String requestId, String error) {
            return new Answer(status, Map.of("requestId", requestId, "errors", List.of(error)), null, Duration.ZERO,
                    Duration.ZERO, 0);
        }
    }

    /**
     * A scripted answer to a call.
     *
     * @param body what a successful answer carries besides its request id, e.g. a data-for answer's lists
     */
    public record Reply(int status, List<String> errors, String retryAfter, Duration delay, boolean succeed, Duration bodyStall,
                        int padding, Map<String, Object> body) {

        private static Reply failing(int status, List<String> errors, String retryAfter) {
            return new Reply(status, errors, retryAfter, Duration.ZERO, false, Duration.ZERO, 0, Map.of());
        }

        private static Reply succeeding(Duration delay, Duration bodyStall, int padding, Map<String, Object> body) {
            return new Reply(200, List.of(), null, delay, true, bodyStall, padding, body);
        }

        public static Reply status(int status) {
            return failing(status, List.of("Scripted " + status), null);
        }

        /** Gong's integrity protection refusing the erasure, quoting the identifier as Gong might. */
        public static Reply integrityRefusal() {
            return failing(400, List.of("Data integrity protection: too many objects would be deleted for %s"), null);
        }

        public static Reply rateLimited(String retryAfter) {
            return failing(429, List.of("Too many requests"), retryAfter);
        }

        /** Succeeds, after a delay. */
        public static Reply slow(Duration delay) {
            return succeeding(delay, Duration.ZERO, 0, Map.of());
        }

        /** Succeeds, but sends the headers and half the body, then nothing for {@code stall}. */
        public static Reply stalledBody(Duration stall) {
            return succeeding(Duration.ZERO, stall, 0, Map.of());
        }

        /** A 200 with a request id, then a filler field of {@code bytes} characters. */
        public static Reply hugeBody(int bytes) {
            return succeeding(Duration.ZERO, Duration.ZERO, bytes, Map.of());
        }

        /** A data-for answer as Gong's schema allows it: a request id and only these of its optional lists. */
        public static Reply dataFor(Map<String, Object> lists) {
            return succeeding(Duration.ZERO, Duration.ZERO, 0, lists);
        }

        Answer answer(String requestId, String identifier) {
            if (succeed) {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("requestId", requestId);
                answer.putAll(body);
                return new Answer(200, answer, null, delay, bodyStall, padding);
            }
            List<String> texts = new ArrayList<>();
            errors.forEach(error -> texts.add(error.replace("%s", identifier)));
            return new Answer(status, Map.of("requestId", requestId, "errors", texts), retryAfter, delay, bodyStall, padding);
        }
    }

    /** Gong meters with a leaky bucket: each call adds a drop, drops leak at a steady rate, a full bucket refuses. */
    private static final class LeakyBucket {

        private final double capacity;
        private final double leakPerSecond;
        private double level;
        private long last = System.nanoTime();

        LeakyBucket(double capacity, double leakPerSecond) {
            this.capacity = capacity;
            this.leakPerSecond = leakPerSecond;
        }

        synchronized boolean tryAdd() {
            long now = System.nanoTime();
            level = Math.max(0, level - (now - last) / 1e9 * leakPerSecond);
            last = now;
            if (level + 1 > capacity) {
                return false;
            }
            level += 1;
            return true;
        }

    }
}
