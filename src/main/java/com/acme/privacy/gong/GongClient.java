package com.acme.privacy.gong;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;

import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.PhoneNumber;

/**
 * A thin client for Gong's data-privacy endpoints. Built on the JDK's HTTP client so that no library logs the URL,
 * which must carry the identifier in its query string. 5xx, timeouts and connection failures throw
 * {@link GongUnavailable}, an interruption {@link GongCallInterrupted}; every other answer is returned. Exception
 * messages never quote the URL.
 */
@Component
public class GongClient {

    /** Gong's answers are a few hundred bytes. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Duration DEADLINE_MARGIN = Duration.ofSeconds(1);

    private final GongProperties properties;
    private final HttpClient http;
    private final GongResponseReader reader;
    private final GongCallMetrics metrics;

    GongClient(GongProperties properties, GongResponseReader reader, GongCallMetrics metrics) {
        this.properties = properties;
        this.reader = reader;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
        if (isConfigured()) {
            checkCredentialsFitAHeader();
        }
    }

    /** A token with a stray line break would fail every call as a connection error; refuse it at start instead. */
    private void checkCredentialsFitAHeader() {
        try {
            HttpRequest.newBuilder(properties.effectiveBaseUrl()).header("Authorization", authorization());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The Gong credentials (privacy.gong.*) contain characters an HTTP header cannot carry");
        }
    }

    public boolean isConfigured() {
        return properties.usesBasicAuth() || properties.usesBearerToken();
    }

    public GongResponse eraseEmail(EmailAddress email) {
        return call(GongEndpoint.ERASE_EMAIL, email.value());
    }

    public GongResponse erasePhone(PhoneNumber phone) {
        return call(GongEndpoint.ERASE_PHONE, phone.value());
    }

    public GongResponse dataForEmail(EmailAddress email) {
        return call(GongEndpoint.DATA_FOR_EMAIL, email.value());
    }

    public GongResponse dataForPhone(PhoneNumber phone) {
        return call(GongEndpoint.DATA_FOR_PHONE, phone.value());
    }

    /** The longest one exchange may take, from sending to the last byte of the body. */
    public Duration deadline() {
        return properties.readTimeout().plus(DEADLINE_MARGIN);
    }

    /**
     * Sends and waits for the whole answer, headers and body, within {@link #deadline()}. The JDK's request timeout
     * stops counting once the headers arrive (JDK-8258397), so a body that stalls would block forever without it.
     */
    private GongResponse call(GongEndpoint endpoint, String identifier) {
        if (!isConfigured()) {
            throw new IllegalStateException("Gong credentials are not configured (privacy.gong.*)");
        }
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> exchange;
        try {
            exchange = http.sendAsync(request(endpoint, identifier), info -> new CappedBody(MAX_BODY_BYTES));
        } catch (IllegalArgumentException unusable) {
            // Its message would quote the URL, and with it the identifier.
            throw unavailable(endpoint, GongUnavailable.Kind.CONNECTION_FAILED, started, "the request could not be built");
        }
        try {
            HttpResponse<byte[]> answer = exchange.get(deadline().toNanos(), TimeUnit.NANOSECONDS);
            GongResponse response = reader.read(endpoint, answer, since(started));
            metrics.record(endpoint, GongCallMetrics.outcome(response.status()), response.latency());
            if (response.status() >= 500) {
                throw new GongUnavailable(response);
            }
            return response;
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw unavailable(endpoint, GongUnavailable.Kind.TIMEOUT, started, "no complete answer within " + deadline());
        } catch (ExecutionException e) {
            boolean timedOut = e.getCause() instanceof HttpTimeoutException && !(e.getCause() instanceof HttpConnectTimeoutException);
            throw timedOut
                    ? unavailable(endpoint, GongUnavailable.Kind.TIMEOUT, started, "no answer within " + properties.readTimeout())
                    : unavailable(endpoint, GongUnavailable.Kind.CONNECTION_FAILED, started, e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            // Reported by the exception rather than the thread's flag: the dispatcher records the call before it stops.
            exchange.cancel(true);
            Duration latency = since(started);
            metrics.record(endpoint, "interrupted", latency);
            throw new GongCallInterrupted(endpoint, latency);
        }
    }

    private GongUnavailable unavailable(GongEndpoint endpoint, GongUnavailable.Kind kind, long started, String what) {
        Duration latency = since(started);
        metrics.record(endpoint, GongCallMetrics.outcome(kind), latency);
        return new GongUnavailable(endpoint, kind, latency, what);
    }

    private HttpRequest request(GongEndpoint endpoint, String identifier) {
        String base = properties.effectiveBaseUrl().toString().replaceAll("/+$", "");
        URI uri = URI.create(base + endpoint.path() + "?" + endpoint.parameter() + "="
                + URLEncoder.encode(identifier, StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri)
                .timeout(properties.readTimeout())
                .header("Authorization", authorization())
                .header("Accept", "application/json")
                .method(endpoint.method(), HttpRequest.BodyPublishers.noBody())
                .build();
    }

    private String authorization() {
        if (properties.usesBearerToken()) {
            return "Bearer " + properties.bearerToken();
        }
        String credentials = properties.accessKey() + ":" + properties.accessKeySecret();
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
