package com.acme.privacy.dispatch;

import java.time.Duration;

import org.springframework.stereotype.Component;

import com.acme.privacy.gong.GongClient;

/** How much a claim may hold: what the pace sends in a few seconds, and what fits in its lease. */
@Component
class BatchSizing {

    /** A batch is what the current pace sends in this time, so that a crash strands seconds of work. */
    static final Duration CLAIM_HORIZON = Duration.ofSeconds(5);

    private final GongClient gong;
    private final DispatchGate gate;
    private final int maxBatch;

    BatchSizing(GongClient gong, DispatchGate gate, DispatchProperties properties) {
        this.gong = gong;
        this.gate = gate;
        this.maxBatch = properties.maxBatch();
    }

    /** Two calls, each waiting for the pace and then for its deadline. */
    static Duration worstCasePerRequest(Duration callDeadline, double callsPerSecond) {
        return callDeadline.plusNanos(Math.round(1e9 / callsPerSecond)).multipliedBy(2);
    }

    /** The longest one request may take at the current pace. */
    Duration worstCasePerRequest() {
        return worstCasePerRequest(gong.deadline(), gate.callsPerSecond());
    }

    /** What the pace sends within the claim horizon, within today's budget, and only the test calls while half-open. */
    int erasures(GateReadings.State state) {
        int servable = (int) Math.max(1, gate.callsPerSecond() * CLAIM_HORIZON.toSeconds());
        int size = Math.min(Math.min(maxBatch, servable), state.budgetLimit() - state.budgetUsed());
        return gate.circuitHalfOpen() ? Math.min(size, gate.halfOpenPermits()) : size;
    }
}
