package com.acme.privacy.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a receipt attests, as signed. Identifiers appear only masked and as their keyed hash (hex HMAC-SHA256).
 *
 * @param originalDueAt   the deadline before its one extension; {@code null} unless extended
 * @param completedAt     when a completion check found nothing left at Gong; {@code null} until then
 * @param gongCalls       every call to Gong from the trail; {@code null} in a SUBMITTER's receipt
 * @param completionCheck the last completion check: when, whether data was left, Gong's counts per kind and request ids;
 *                        {@code null} in a SUBMITTER's receipt
 * @param subjectResponses what the data subject was told, in the order recorded
 * @param auditTrail      the request's chain head when the receipt was issued, verified before signing
 */
record ErasureReceipt(
        String type,
        int version,
        UUID requestId,
        Instant issuedAt,
        String keyId,
        Subject subject,
        String regulation,
        String status,
        String source,
        String externalReference,
        Instant receivedAt,
        Instant dueAt,
        Instant originalDueAt,
        Instant firstDispatchedAt,
        Instant submittedAt,
        Instant completedAt,
        GongRequestIds gongRequestIds,
        List<GongCall> gongCalls,
        Map<String, Object> completionCheck,
        List<SubjectResponse> subjectResponses,
        Instant identifiersPurgedAt,
        Instant anonymisedAt,
        ChainHead auditTrail) {

    static final String TYPE = "erasure-receipt";
    /** 2: the deadline before its extension and the responses to the subject. */
    static final int VERSION = 2;

    /** Both {@code null} once the record is anonymised. */
    record Subject(String email, String emailHash, String phoneNumber, String phoneNumberHash) {
    }

    /** Gong's ids for the accepted erasures, one per identifier. */
    record GongRequestIds(String emailErasure, String phoneNumberErasure) {
    }

    /** One call to Gong as the audit trail recorded it; {@code httpStatus} is {@code null} when no answer came. */
    record GongCall(int auditSeq, Instant at, String endpoint, Integer httpStatus, String gongRequestId) {
    }

    /**
     * One response to the subject as recorded: {@code answer} marks the request's answer (its first final response),
     * {@code completesExtension} the extension notice given and recorded within the original deadline.
     */
    record SubjectResponse(String kind, Instant respondedAt, String channel, String basis, boolean answer,
                           boolean completesExtension, Instant recordedAt) {
    }

    record ChainHead(int events, int headSeq, String headHash) {
    }
}
