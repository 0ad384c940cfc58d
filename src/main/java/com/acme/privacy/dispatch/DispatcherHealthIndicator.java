package com.acme.privacy.dispatch;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code dispatcher} health component: DOWN while this replica stands back although it could dispatch (a stalled
 * round, a missing key, a transaction-pooling proxy). Not in the readiness group: the API works on.
 */
@Component
class DispatcherHealthIndicator implements HealthIndicator {

    private final Standby standby;
    private final DispatchProperties properties;

    DispatcherHealthIndicator(Standby standby, DispatchProperties properties) {
        this.standby = standby;
        this.properties = properties;
    }

    @Override
    public Health health() {
        if (!properties.enabled()) {
            return Health.up().withDetail("state", "switched off").build();
        }
        StandDown standingDown = standby.standingDown();
        if (standingDown != null) {
            return Health.down().withDetail("state", "standing down: " + standingDown.description())
                    .withDetail("reason", standingDown.name()).build();
        }
        return Health.up().withDetail("state", standby.isLeader() ? "dispatching" : "standing by").build();
    }
}
