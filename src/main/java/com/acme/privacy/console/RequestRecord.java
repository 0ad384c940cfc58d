package com.acme.privacy.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the request page shows, read in one snapshot: identifiers masked, the trail with its check.
 *
 * @param unanswered      whether the request still needs an answer, so that its deadline counts down
 * @param originalDueAt   the deadline before its one extension, {@code null} unless extended
 * @param latestExtension the latest the deadline may be extended to now, {@code null} once it was extended
 */
record RequestRecord(UUID id, String status, boolean unanswered, String email, String phone, String regulation,
                     String source, String externalReference, Instant receivedAt, Instant dueAt, Instant originalDueAt,
                     Instant latestExtension, Hold hold, int attempts, Instant nextAttemptAt, Instant firstDispatchedAt,
                     Instant submittedAt, String gongEmailRequestId, String gongPhoneRequestId, Completion completion,
                     Chain chain, List<Event> timeline, List<GongCall> gongCalls, List<ConsoleAction> actions) {

    /**
     * The ordering guard the portal asked for.
     *
     * @param notBefore        nothing is sent to Gong before this time, or {@code null}
     * @param untilConfirmed   whether the request waits (HELD) for someone to release it
     */
    record Hold(Instant notBefore, boolean untilConfirmed) {

        public boolean any() {
            return notBefore != null || untilConfirmed;
        }
    }

    /**
     * Whether Gong confirmed the erasure: the next check, the completion, and what the last check found.
     *
     * @param lastCheck      {@code null} until a check was made
     * @param checksWithData checks since the last retry that found data at Gong after the erasure
     */
    record Completion(Instant checkDueAt, Instant completedAt, LastCheck lastCheck, int checksWithData) {

        /** Gong held the subject's data again after it had accepted the erasure: something fed it back. */
        public boolean reimported() {
            return checksWithData > 0;
        }
    }

    /** @param results one per identifier Gong was asked about */
    record LastCheck(Instant checkedAt, Object number, boolean dataLeft, List<CheckResult> results) {
    }

    /** What Gong still held for one identifier, by kind, and the request id of its answer. */
    record CheckResult(String identifier, Object gongRequestId, Object emails, Object calls, Object meetings,
                       Object customerData) {
    }

    /**
     * @param firstBrokenSeq       the first event whose hash or link does not recompute, or {@code null}
     * @param statusMatchesRequest whether the trail's last status change leads to the request's status, which
     *                             catches events cut off the end
     */
    record Chain(boolean intact, int events, Integer firstBrokenSeq, boolean statusMatchesRequest) {
    }

    /** @param details the event's facts, none of them an identifier (the trail never holds one) */
    record Event(int seq, Instant occurredAt, String actor, String kind, String fromStatus, String toStatus,
                 String reason, Map<String, Object> details, String hash) {

        public String shortHash() {
            return hash.substring(0, 12);
        }
    }

    /** One call to Gong, from its GONG_CALL event. */
    record GongCall(int seq, Instant at, String endpoint, Object httpStatus, Object gongRequestId, Object latencyMs,
                    Object attempt, Object failure, Object errors) {
    }
}
