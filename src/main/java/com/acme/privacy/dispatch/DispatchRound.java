package com.acme.privacy.dispatch;

import java.time.Duration;

import org.springframework.stereotype.Component;

/**
 * One pass of a round: take or confirm the lead, hand back what an earlier pass could not, check the gate, then
 * claim and send a short batch of erasures, or, when none is due, completion checks.
 */
@Component
class DispatchRound {

    private final DispatchTerm term;
    private final DispatchGate gate;
    private final GateReadings readings;
    private final GongFeedback feedback;
    private final ErasureBatch erasures;
    private final CheckBatch checks;
    private volatile boolean stopping;

    DispatchRound(DispatchTerm term, DispatchGate gate, GateReadings readings, GongFeedback feedback, ErasureBatch erasures,
                  CheckBatch checks) {
        this.term = term;
        this.gate = gate;
        this.readings = readings;
        this.feedback = feedback;
        this.erasures = erasures;
        this.checks = checks;
    }

    void start() {
        stopping = false;
    }

    /** No further call: the stop is checked between calls. */
    void stop() {
        stopping = true;
        gate.close();
    }

    /** What a pass came to, and so when the next may come. */
    enum Pass {
        /** Erasures went out without a halt, or a full batch of checks was made: more may be due at once. */
        GO_ON,
        /** Nothing was due. */
        NOTHING_DUE,
        /** Not leading, the gate is closed, or a halt stopped the batch: wait for the poll interval. */
        STOPPED
    }

    Pass pass() {
        erasures.handBack();
        if (!term.lead()) {
            return Pass.STOPPED;
        }
        gate.letTestCallsThrough();
        GateReadings.State state = readings.state();
        feedback.roundStarting(state);
        if (state.closedBecause() != null) {
            return Pass.STOPPED;
        }
        int size = erasures.batchSize(state);
        ErasureBatch.Sent sent = erasures.claimAndSend(size, () -> stopping);
        if (sent == ErasureBatch.Sent.NOTHING_DUE) {
            return checks.check(state, size, () -> stopping) ? Pass.GO_ON : Pass.NOTHING_DUE;
        }
        return sent == ErasureBatch.Sent.ALL ? Pass.GO_ON : Pass.STOPPED;
    }

    /** One call's share of the pace: when a queue that just ran dry is worth a second look. */
    Duration paceInterval() {
        return Duration.ofNanos(Math.round(1e9 / gate.callsPerSecond()));
    }
}
