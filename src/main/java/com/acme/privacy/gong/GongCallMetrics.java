package com.acme.privacy.gong;

import java.time.Duration;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** {@code gong_calls_total{endpoint,outcome}} and {@code gong_call_duration_seconds{endpoint}}; no label carries an identifier. */
@Component
class GongCallMetrics {

    private final MeterRegistry registry;

    GongCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(GongEndpoint endpoint, String outcome, Duration latency) {
        Counter.builder("gong.calls")
                .description("Calls made to Gong, by endpoint and outcome")
                .tag("endpoint", endpoint.label())
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        Timer.builder("gong.call.duration")
                .description("Latency of calls to Gong")
                .tag("endpoint", endpoint.label())
                .publishPercentileHistogram()
                .register(registry)
                .record(latency);
    }

    static String outcome(int status) {
        if (status >= 200 && status < 300) {
            return "success";
        }
        return switch (status) {
            case 400 -> "bad_request";
            case 401, 403 -> "credentials_rejected";
            case 429 -> "rate_limited";
            default -> status >= 500 ? "server_error" : "unexpected_status";
        };
    }

    static String outcome(GongUnavailable.Kind kind) {
        return kind == GongUnavailable.Kind.TIMEOUT ? "timeout" : "connection_failed";
    }
}
