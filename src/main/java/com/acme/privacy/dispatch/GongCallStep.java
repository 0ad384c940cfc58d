package com.acme.privacy.dispatch;

import java.time.Duration;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import com.acme.privacy.gong.GongCallInterrupted;
import com.acme.privacy.gong.GongClient;
import com.acme.privacy.gong.GongResponse;
import com.acme.privacy.gong.GongUnavailable;

/**
 * One call to Gong, the same for erasures and completion checks: the gate admits it, it is made, the caller records
 * what came of it, and the circuit, the pace and the shared pause learn what Gong's answer says.
 */
@Component
class GongCallStep {

    /**
     * What the caller made of Gong's answer, and what the gate must learn from it.
     *
     * @param accepted whether Gong did what was asked
     * @param pause    the deployment-wide pause the answer calls for, or {@code null}
     */
    record Answer<T>(T result, boolean accepted, DispatchPause.Reason pause, Duration pauseFor) {

        static <T> Answer<T> of(T result, boolean accepted) {
            return new Answer<>(result, accepted, null, Duration.ZERO);
        }
    }

    /** The caller's side of a call: each way it can end, recorded as the caller's trail needs. */
    interface Caller<T> {

        /** The gate did not admit the call: nothing was sent. */
        T refused(String reason);

        /** Gong answered (any status but 5xx). Throws when the answer cannot be read: that is our own failure. */
        Answer<T> answered(GongResponse response);

        /** @param circuitClosed whether the circuit was closed before and after: an outage's failures are nobody's fault */
        T unavailable(GongUnavailable failure, boolean circuitClosed);

        T interrupted(GongCallInterrupted interruption);

        /** Our own failure, around the call; {@code what} names no identifier. */
        T failed(String what);
    }

    private final DispatchGate gate;
    private final GongFeedback feedback;
    private final GongClient gong;
    private final DispatchWatchdog watchdog;

    GongCallStep(DispatchGate gate, GongFeedback feedback, GongClient gong, DispatchWatchdog watchdog) {
        this.gate = gate;
        this.feedback = feedback;
        this.gong = gong;
        this.watchdog = watchdog;
    }

    <T> T call(Function<GongClient, GongResponse> request, Caller<T> caller) {
        DispatchGate.Admission admission = gate.admit();
        watchdog.progress();
        if (!admission.admitted()) {
            return caller.refused(admission.refusal());
        }
        GongResponse response;
        try {
            response = request.apply(gong);
        } catch (GongUnavailable unavailable) {
            feedback.failed(unavailable.latency(), unavailable);
            return caller.unavailable(unavailable, admission.circuitClosed() && gate.circuitClosed());
        } catch (GongCallInterrupted interrupted) {
            gate.abandoned();
            return caller.interrupted(interrupted);
        } catch (RuntimeException unexpected) {
            gate.abandoned();
            return caller.failed("The call could not be made (" + unexpected.getClass().getSimpleName() + ")");
        }
        Answer<T> answer;
        try {
            answer = caller.answered(response);
        } catch (RuntimeException unreadable) {
            gate.abandoned();
            return caller.failed("Gong's answer could not be read (" + unreadable.getClass().getSimpleName() + ")");
        }
        feedback.answered(response.latency(), answer.accepted(), answer.pause(), answer.pauseFor());
        watchdog.progress();
        return answer.result();
    }
}
