package com.acme.privacy.console;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import com.acme.privacy.dispatch.GongGate;
import com.acme.privacy.dispatch.GongGateStatus;

/**
 * Today's Gong budget and the circuit, as the dispatcher's gate tells them ({@code dispatch::gate}). The circuit
 * breaker lives in the dispatching replica's memory, so another replica can only say that it does not dispatch.
 */
@Component
class GongStatus {

    /** @param state the gate's own summary, e.g. {@code up}, {@code circuit open}, {@code daily budget spent} */
    record Snapshot(String state, Integer budgetUsed, Integer budgetLimit, String circuit, boolean dispatchingHere,
                    Double callsPerSecond) {

        static final Snapshot UNKNOWN = new Snapshot("unknown", null, null, null, false, null);
    }

    private final GongGate gate;

    GongStatus(GongGate gate) {
        this.gate = gate;
    }

    Snapshot now() {
        try {
            GongGateStatus status = gate.now();
            return new Snapshot(status.state(), status.budgetUsedToday(), status.budgetLimit(), status.circuit(),
                    status.dispatchingHere(), status.callsPerSecond());
        } catch (DataAccessException e) {
            return Snapshot.UNKNOWN;
        }
    }
}
