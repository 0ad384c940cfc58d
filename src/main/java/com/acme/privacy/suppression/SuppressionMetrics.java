package com.acme.privacy.suppression;

import org.springframework.stereotype.Component;

import com.acme.privacy.security.Caller;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Checks per client and result, never what was asked. People signing in through SSO are counted together as
 * {@code sso}, so that the series stay a short, fixed list.
 */
@Component
class SuppressionMetrics {

    private final MeterRegistry meters;

    SuppressionMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** @param result {@code suppressed}, {@code not_suppressed} or {@code refused} */
    void checked(Caller caller, String result) {
        Counter.builder("privacy.suppression.checks")
                .description("Suppression checks by client and result: suppressed, not_suppressed, refused (rate)")
                .tag("client", caller.kind() == Caller.Kind.CLIENT ? caller.name() : "sso")
                .tag("result", result)
                .register(meters)
                .increment();
    }
}
