package com.acme.privacy.dispatch;

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
        erasures.start();
        checks.start();
    }

    /** No further call: the stop is checked between calls. */
    void stop() {
        erasures.stop();
        checks.stop();
        gate.close();
    }

    /**
     * @return whether to go on at once: erasures were sent without a halt (more may have arrived meanwhile, and waiting
     *         for the next poll would leave the pace unused), or a full batch of checks was made. Only a round that
     *         found nothing due, or was halted, waits for the poll interval.
     */
    boolean pass() {
        erasures.handBack();
        if (!term.lead()) {
            return false;
        }
        gate.letTestCallsThrough();
        GateReadings.State state = readings.state();
        feedback.roundStarting(state);
        if (state.closedBecause() != null) {
            return false;
        }
        int size = erasures.batchSize(state);
        ErasureBatch.Sent sent = erasures.claimAndSend(size);
        if (sent == ErasureBatch.Sent.NOTHING_DUE) {
            return checks.check(state, size);
        }
        return sent == ErasureBatch.Sent.ALL;
    }
}
