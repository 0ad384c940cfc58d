package com.acme.privacy.erasure.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.audit.AuditTrail;
import com.acme.privacy.erasure.ErasureStatus;

import tools.jackson.databind.json.JsonMapper;

/**
 * The record of each erasure call to Gong: its event, Gong's receipt and what it means for the claim, in one
 * transaction. Gong erases a subject once; other portals' requests for the same subject take the receipt over, each
 * with an event of its own, but only those that are due themselves: a request never shows an erasure made before its
 * own not-before time or release.
 */
@Component
public class CallRecords {

    // Due means next_attempt_at passed: it is the not-before time, the release, or a retry time. The erasure counts
    // from the call's start, which lies at most its latency before now.
    private static final String SHARE_RECEIPT = """
            WITH covered AS (
                UPDATE erasure_request SET %1$s = :gongId, updated_at = now(), version = version + 1
                WHERE %2$s = :hash AND id <> :id AND status = %3$s AND %1$s IS NULL
                  AND next_attempt_at <= now() - make_interval(secs => :latencySeconds)
                RETURNING id)
            INSERT INTO audit_event (request_id, actor, kind, reason, details)
            SELECT id, :actor, 'GONG_CALL', :reason, CAST(:details AS jsonb) FROM covered
            """;

    private final AuditTrail auditTrail;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ClaimFence fence;
    private final ChangeNotices notices;

    CallRecords(AuditTrail auditTrail, JdbcClient jdbc, JsonMapper json, ClaimFence fence, ChangeNotices notices) {
        this.auditTrail = auditTrail;
        this.jdbc = jdbc;
        this.json = json;
        this.fence = fence;
        this.notices = notices;
    }

    /**
     * Records a call to Gong and what it means for the request: Gong's receipt and the settlement in one fenced
     * update, then the call's event and the status change in one insert.
     *
     * @return {@code false} when the claim was lost meanwhile: the call is on record, the status is left to the new holder
     */
    @Transactional
    public boolean record(ClaimedRequest request, String replica, GongCallRecord call, DispatchOutcome outcome) {
        String receiptColumn = !call.accepted() ? null
                : call.identifier() == GongCallRecord.Identifier.EMAIL ? "gong_email_request_id" : "gong_phone_request_id";
        Settlement settlement = outcome instanceof DispatchOutcome.Progress ? null : Settlement.of(outcome);
        Optional<ChangedRow> updated = receiptColumn == null && settlement == null ? Optional.empty()
                : fence.update(request, replica, receiptColumn, call.gongRequestId(), settlement);
        boolean held = receiptColumn == null && settlement == null || updated.isPresent();
        List<AuditEntry> events = new ArrayList<>();
        events.add(AuditEntry.of(request.id(), DispatchQueue.dispatcher(replica), AuditEventKind.GONG_CALL,
                call.endpoint() + (call.httpStatus() == null ? " failed" : " answered " + call.httpStatus()),
                call.details(request.attempt(), replica)));
        if (held && settlement != null) {
            events.add(settlement.event(request, replica));
        }
        auditTrail.record(events);
        if (settlement != null) {
            updated.ifPresent(row -> notices.moved(settlement.move(), row));
        }
        if (held && call.accepted()) {
            shareReceipt(request, replica, call, receiptColumn);
        }
        return held;
    }

    private void shareReceipt(ClaimedRequest request, String replica, GongCallRecord call, String receiptColumn) {
        boolean email = call.identifier() == GongCallRecord.Identifier.EMAIL;
        byte[] hash = email ? request.subject().emailHash() : request.subject().phoneHash();
        if (hash == null) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>(call.details(request.attempt(), replica));
        details.put("sharedFrom", request.id().toString());
        jdbc.sql(SHARE_RECEIPT.formatted(receiptColumn, email ? "email_hash" : "phone_hash", ErasureStatus.PENDING.sql()))
                .param("gongId", call.gongRequestId()).param("hash", hash).param("id", request.id())
                .param("latencySeconds", call.latencyMs() / 1000.0)
                .param("actor", DispatchQueue.dispatcher(replica))
                .param("reason", call.endpoint() + " answered " + call.httpStatus() + " for another request of the same subject")
                .param("details", json.writeValueAsString(details))
                .update();
    }
}
