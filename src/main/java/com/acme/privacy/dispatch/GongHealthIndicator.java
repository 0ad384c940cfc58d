package com.acme.privacy.dispatch;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The {@code gong} health component: whether requests can reach Gong now, as the {@link DispatchGate} sees it. It is
 * DOWN while the circuit is open or Gong refused us in a way that needs a human, but it is not part of the readiness
 * group: intake keeps working when Gong does not.
 */
@Component("gong")
class GongHealthIndicator implements HealthIndicator {

    private final Dispatcher dispatcher;
    private final DispatchGate gate;
    private final DispatchProperties properties;

    GongHealthIndicator(Dispatcher dispatcher, DispatchGate gate, DispatchProperties properties) {
        this.dispatcher = dispatcher;
        this.gate = gate;
        this.properties = properties;
    }

    @Override
    public Health health() {
        DispatchGate.State state;
        try {
            state = gate.state();
        } catch (DataAccessException e) {
            return Health.unknown().withDetail("state", "unknown: the database is unavailable").build();
        }
        DispatchPause.State paused = state.pause();
        Health.Builder health;
        String description;
        if (paused.reason() == DispatchPause.Reason.CREDENTIALS_REJECTED) {
            health = Health.down();
            description = "credentials rejected; next try at " + paused.until();
        } else if (paused.reason() == DispatchPause.Reason.MISCONFIGURED) {
            health = Health.down();
            description = "misconfigured: Gong answered 404, 405 or 410; check privacy.gong.base-url; next try at " + paused.until();
        } else if (state.circuitOpen()) {
            health = Health.down();
            description = "circuit open";
        } else if (paused.active()) {
            health = Health.up();
            description = "rate-limited until " + paused.until();
        } else if (state.budgetSpent()) {
            health = Health.up();
            description = "daily budget spent";
        } else {
            health = Health.up();
            description = "up";
        }
        return health
                .withDetail("state", description)
                .withDetail("dispatchingHere", properties.enabled() && dispatcher.isLeader())
                .withDetail("circuit", state.circuit().name())
                .withDetail("callsPerSecond", state.pace())
                .withDetail("budgetUsedToday", state.budgetUsed())
                .withDetail("budgetLimit", state.budgetLimit())
                .build();
    }
}
