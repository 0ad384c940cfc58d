package com.acme.privacy.erasure.lifecycle;

import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.audit.AuditTrail;
import com.acme.privacy.erasure.ErasureStatus;
import com.acme.privacy.erasure.StatusMove;

/**
 * The completion checks' side of the request table. A claim moves the check's due time past its lease, so a replica
 * that dies leaves the check due again when the lease ends; outcomes are fenced by the claim, as erasures are.
 */
@Component
public class CheckQueue {

    private static final String SUBMITTED = ErasureStatus.SUBMITTED.sql();
    private static final String CLAIM = """
            WITH due AS (
                SELECT id FROM erasure_request
                WHERE status = %s AND check_due_at <= now()
                ORDER BY check_due_at, id
                LIMIT :limit
                FOR UPDATE SKIP LOCKED)
            UPDATE erasure_request r
            SET check_due_at = now() + make_interval(secs => :leaseSeconds),
                lease_until = now() + make_interval(secs => :leaseSeconds), leased_by = :replica, version = r.version + 1
            FROM due WHERE r.id = due.id
            RETURNING r.id, r.email_key_id, r.email_ciphertext, r.phone_key_id, r.phone_ciphertext, r.sealed_to_request,
                      r.checks_with_data, r.check_failures, r.lease_until, r.correlation_id
            """.formatted(SUBMITTED);
    private static final String FENCE = " WHERE id = :id AND status = " + SUBMITTED
            + " AND leased_by = :replica AND lease_until = :leaseUntil";
    private static final String END_CLAIM = ", lease_until = NULL, leased_by = NULL, updated_at = now(), version = version + 1";
    private static final String LAST_CHECK = ", last_check = coalesce(CAST(:lastCheck AS jsonb), last_check)";

    private final AuditTrail auditTrail;
    private final JdbcClient jdbc;
    private final ChangeNotices notices;

    CheckQueue(AuditTrail auditTrail, JdbcClient jdbc, ChangeNotices notices) {
        this.auditTrail = auditTrail;
        this.jdbc = jdbc;
        this.notices = notices;
    }

    @Transactional
    public List<ClaimedCheck> claim(int limit, Duration lease, String replica) {
        return jdbc.sql(CLAIM)
                .param("limit", limit)
                .param("leaseSeconds", lease.toMillis() / 1000.0)
                .param("replica", replica)
                .query((rs, row) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new ClaimedCheck(id,
                            SealedColumns.email(rs, id),
                            SealedColumns.phone(rs, id),
                            rs.getInt("checks_with_data"),
                            rs.getInt("check_failures"),
                            rs.getObject("lease_until", OffsetDateTime.class).toInstant(),
                            rs.getString("correlation_id"));
                })
                .list();
    }

    /**
     * Records the check's calls and, unless the claim was lost meanwhile, its verdict, in one transaction.
     *
     * @param lastCheck the check's summary as JSON, or {@code null} when it found nothing to summarise
     * @return whether the claim was still held
     */
    @Transactional
    public boolean record(ClaimedCheck check, String replica, CheckVerdict verdict, String lastCheck, List<AuditEntry> calls) {
        Optional<ChangedRow> updated = jdbc.sql("UPDATE erasure_request SET " + assignments(verdict) + LAST_CHECK + END_CLAIM + FENCE
                        + ChangedRow.RETURNING)
                .param("id", check.id()).param("replica", replica)
                .param("leaseUntil", OffsetDateTime.ofInstant(check.leaseUntil(), ZoneOffset.UTC))
                .param("delaySeconds", delay(verdict).toMillis() / 1000.0)
                .param("lastCheck", lastCheck, Types.VARCHAR)
                .query(ChangedRow::read).optional();
        boolean held = updated.isPresent();
        List<AuditEntry> events = new ArrayList<>(calls);
        StatusMove move = verdict instanceof CheckVerdict.Completed ? StatusMove.COMPLETE
                : verdict instanceof CheckVerdict.NeedsAttention ? StatusMove.ESCALATE : null;
        if (held && move != null) {
            String reason = verdict instanceof CheckVerdict.NeedsAttention attention ? attention.reason()
                    : "Gong holds nothing more of the subject";
            events.add(new AuditEntry(check.id(), DispatchQueue.dispatcher(replica), AuditEventKind.STATUS_CHANGED,
                    move.onlyFrom().name(), move.to().name(), reason, Map.of("check", check.number())));
        }
        if (!events.isEmpty()) {
            auditTrail.record(events);
        }
        if (move != null) {
            updated.ifPresent(row -> notices.moved(move, row));
        }
        return held;
    }

    /** Hands claimed checks back, due again after {@code delay}; nothing is recorded, as nothing was asked of Gong. */
    @Transactional
    public void postpone(List<ClaimedCheck> checks, String replica, Duration delay) {
        for (ClaimedCheck check : checks) {
            jdbc.sql("UPDATE erasure_request SET check_due_at = now() + make_interval(secs => :delaySeconds)" + END_CLAIM + FENCE)
                    .param("id", check.id()).param("replica", replica)
                    .param("leaseUntil", OffsetDateTime.ofInstant(check.leaseUntil(), ZoneOffset.UTC))
                    .param("delaySeconds", delay.toMillis() / 1000.0)
                    .update();
        }
    }

    private static String assignments(CheckVerdict verdict) {
        if (verdict instanceof CheckVerdict.Completed) {
            return "status = " + StatusMove.COMPLETE.to().sql() + ", completed_at = now(), check_due_at = NULL, check_failures = 0";
        }
        if (verdict instanceof CheckVerdict.DataLeft) {
            return "checks_with_data = checks_with_data + 1, check_failures = 0, "
                    + "check_due_at = now() + make_interval(secs => :delaySeconds)";
        }
        if (verdict instanceof CheckVerdict.NeedsAttention attention) {
            return "status = " + StatusMove.ESCALATE.to().sql() + ", check_due_at = NULL"
                    + (attention.dataLeft() ? ", checks_with_data = checks_with_data + 1" : ", check_failures = check_failures + 1");
        }
        boolean failed = ((CheckVerdict.Later) verdict).failed();
        return "check_due_at = now() + make_interval(secs => :delaySeconds)" + (failed ? ", check_failures = check_failures + 1" : "");
    }

    private static Duration delay(CheckVerdict verdict) {
        if (verdict instanceof CheckVerdict.DataLeft dataLeft) {
            return dataLeft.delay();
        }
        return verdict instanceof CheckVerdict.Later later ? later.delay() : Duration.ZERO;
    }
}
