package com.acme.privacy.gong;

import java.time.Duration;

/**
 * The call was abandoned because the dispatcher was interrupted (shutdown, or the watchdog). It says nothing about
 * Gong, so the circuit breaker ignores it and no attempt is counted. Gong may or may not have received it.
 */
public class GongCallInterrupted extends RuntimeException {

    private final GongEndpoint endpoint;
    private final Duration latency;

    GongCallInterrupted(GongEndpoint endpoint, Duration latency) {
        super("Gong " + endpoint.label() + ": the call was interrupted");
        this.endpoint = endpoint;
        this.latency = latency;
    }

    public GongEndpoint endpoint() {
        return endpoint;
    }

    public Duration latency() {
        return latency;
    }
}
