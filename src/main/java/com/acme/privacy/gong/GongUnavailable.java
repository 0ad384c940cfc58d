package com.acme.privacy.gong;

import java.time.Duration;

/**
 * Gong could not be used: a 5xx, a timeout or a connection failure. Thrown, rather than returned, so that the circuit
 * breaker records it. The message names the endpoint only, never the URL, which carries the identifier.
 */
public class GongUnavailable extends RuntimeException {

    public enum Kind { SERVER_ERROR, TIMEOUT, CONNECTION_FAILED }

    private final transient GongResponse response;
    private final GongEndpoint endpoint;
    private final Kind kind;
    private final Duration latency;

    public GongUnavailable(GongResponse response) {
        super("Gong " + response.endpoint().label() + " answered " + response.status());
        this.response = response;
        this.endpoint = response.endpoint();
        this.kind = Kind.SERVER_ERROR;
        this.latency = response.latency();
    }

    GongUnavailable(GongEndpoint endpoint, Kind kind, Duration latency, String what) {
        super("Gong " + endpoint.label() + ": " + what);
        this.response = null;
        this.endpoint = endpoint;
        this.kind = kind;
        this.latency = latency;
    }

    /** The 5xx response, or {@code null} when no response arrived. */
    public GongResponse response() {
        return response;
    }

    public GongEndpoint endpoint() {
        return endpoint;
    }

    public Kind kind() {
        return kind;
    }

    public Duration latency() {
        return latency;
    }
}
