package com.acme.privacy.console;

import java.util.Map;

import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Today's Gong budget and the circuit, read from the documented {@code gong} health component, which is the
 * dispatcher's public account of its gate. The circuit breaker lives in the dispatching replica's memory, so another
 * replica can only say that it does not dispatch.
 */
@Component
class GongStatus {

    /** @param state the component's own summary, e.g. {@code up}, {@code circuit open}, {@code daily budget spent} */
    record Snapshot(String state, Object budgetUsed, Object budgetLimit, Object circuit, boolean dispatchingHere,
                    Object callsPerSecond) {

        static final Snapshot UNKNOWN = new Snapshot("unknown", null, null, null, false, null);
    }

    private final HealthContributorRegistry registry;

    GongStatus(HealthContributorRegistry registry) {
        this.registry = registry;
    }

    Snapshot now() {
        HealthContributor contributor = registry.getContributor("gong");
        if (!(contributor instanceof HealthIndicator indicator)) {
            return Snapshot.UNKNOWN;
        }
        try {
            Map<String, Object> details = indicator.health().getDetails();
            return new Snapshot(String.valueOf(details.getOrDefault("state", "unknown")),
                    details.get("budgetUsedToday"), details.get("budgetLimit"), details.get("circuit"),
                    Boolean.TRUE.equals(details.get("dispatchingHere")), details.get("callsPerSecond"));
        } catch (DataAccessException e) {
            return Snapshot.UNKNOWN;
        }
    }
}
