package com.acme.privacy.dispatch;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The {@code gong} health component: whether requests can reach Gong now ({@link GongGate}). It is DOWN while the
 * circuit is open or Gong refused us in a way that needs a human, but it is not part of the readiness group: intake
 * keeps working when Gong does not.
 */
@Component("gong")
class GongHealthIndicator implements HealthIndicator {

    private final GongGate gate;

    GongHealthIndicator(GongGate gate) {
        this.gate = gate;
    }

    @Override
    public Health health() {
        GongGateStatus status;
        try {
            status = gate.now();
        } catch (DataAccessException e) {
            return Health.unknown().withDetail("state", "unknown: the database is unavailable").build();
        }
        return (status.healthy() ? Health.up() : Health.down())
                .withDetail("state", status.state())
                .withDetail("dispatchingHere", status.dispatchingHere())
                .withDetail("circuit", status.circuit())
                .withDetail("callsPerSecond", status.callsPerSecond())
                .withDetail("budgetUsedToday", status.budgetUsedToday())
                .withDetail("budgetLimit", status.budgetLimit())
                .build();
    }
}
