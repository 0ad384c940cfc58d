package com.acme.privacy.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the request page shows, read in one snapshot: identifiers masked, the trail with its check.
 *
 * @param unanswered whether the request still needs an answer, so that its deadline counts down
 */
record RequestRecord(UUID id, String status, boolean unanswered, String email, String phone, String regulation,
                     String source, String externalReference, Instant receivedAt, Instant dueAt, int attempts,
                     Instant nextAttemptAt, Instant firstDispatchedAt, Instant submittedAt, String gongEmailRequestId,
                     String gongPhoneRequestId, Chain chain, List<Event> timeline, List<GongCall> gongCalls,
                     List<ConsoleAction> actions) {

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
