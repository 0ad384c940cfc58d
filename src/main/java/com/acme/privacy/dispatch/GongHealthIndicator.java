package com.acme.privacy.dispatch;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * The {@code gong} health component: whether requests can reach Gong now. It is DOWN while the circuit is open or the
 * credentials are rejected, but it is not part of the readiness group: intake keeps working when Gong does not.
 */
@Component("gong")
class GongHealthIndicator implements HealthIndicator {

    private final Dispatcher dispatcher;
    private final DispatchPause pause;
    private final GongDailyBudget budget;
    private final CircuitBreaker circuitBreaker;
    private final DispatchProperties properties;

    GongHealthIndicator(Dispatcher dispatcher, DispatchPause pause, GongDailyBudget budget, CircuitBreaker gongCircuitBreaker,
                        DispatchProperties properties) {
        this.dispatcher = dispatcher;
        this.pause = pause;
        this.budget = budget;
        this.circuitBreaker = gongCircuitBreaker;
        this.properties = properties;
    }

    @Override
    public Health health() {
        DispatchPause.State paused;
        int used;
        try {
            paused = pause.current();
            used = budget.usedToday();
        } catch (DataAccessException e) {
            return Health.unknown().withDetail("state", "unknown: the database is unavailable").build();
        }
        CircuitBreaker.State circuit = circuitBreaker.getState();
        Health.Builder health;
        String state;
        if (paused.reason() == DispatchPause.Reason.CREDENTIALS_REJECTED) {
            health = Health.down();
            state = "credentials rejected; next try at " + paused.until();
        } else if (circuit == CircuitBreaker.State.OPEN || circuit == CircuitBreaker.State.FORCED_OPEN) {
            health = Health.down();
            state = "circuit open";
        } else if (paused.active()) {
            health = Health.up();
            state = "rate-limited until " + paused.until();
        } else if (used >= budget.limit()) {
            health = Health.up();
            state = "daily budget spent";
        } else {
            health = Health.up();
            state = "up";
        }
        return health
                .withDetail("state", state)
                .withDetail("dispatchingHere", properties.enabled() && dispatcher.isLeader())
                .withDetail("circuit", circuit.name())
                .withDetail("budgetUsedToday", used)
                .withDetail("budgetLimit", budget.limit())
                .build();
    }
}
