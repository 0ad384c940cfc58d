package com.acme.privacy.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to and reads the audit trail. The database assigns sequence, time and hash (see the V1 migration)
 * and refuses updates and deletes.
 */
@Component
public class AuditTrail {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditTrail(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Appends within the caller's transaction, so the event commits or rolls back with the change it records. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEntry entry) {
        record(List.of(entry));
    }

    /** Appends several events of the caller's transaction in one statement, in this order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(List<AuditEntry> entries) {
        StringBuilder sql = new StringBuilder(
                "INSERT INTO audit_event (request_id, actor, kind, from_status, to_status, reason, details) VALUES ");
        List<Object> values = new ArrayList<>();
        for (AuditEntry entry : entries) {
            sql.append(values.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, CAST(? AS jsonb))");
            values.addAll(Arrays.asList(entry.requestId(), entry.actor(), entry.kind().name(), entry.fromStatus(),
                    entry.toStatus(), entry.reason(), json.writeValueAsString(entry.details())));
        }
        jdbc.sql(sql.toString()).params(values).update();
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> eventsFor(UUID requestId) {
        return jdbc.sql("""
                SELECT request_id, seq, occurred_at, actor, kind, from_status, to_status, reason, details::text AS details, hash
                FROM audit_event WHERE request_id = :requestId ORDER BY seq
                """)
                .param("requestId", requestId)
                .query(AuditTrail::toEvent)
                .list();
    }

    /** Whether {@code actor} has recorded an event of {@code kind} for the request. */
    @Transactional(readOnly = true)
    public boolean hasRecorded(UUID requestId, AuditEventKind kind, String actor) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM audit_event WHERE request_id = :requestId AND kind = :kind AND actor = :actor)")
                .param("requestId", requestId).param("kind", kind.name()).param("actor", actor)
                .query(Boolean.class).single();
    }

    /** Recomputes every hash and link of the request's chain in the database. */
    @Transactional(readOnly = true)
    public ChainVerification verify(UUID requestId) {
        return jdbc.sql("""
                SELECT count(*) AS events,
                       min(seq) FILTER (WHERE NOT ok) AS first_broken
                FROM (SELECT seq,
                             hash = audit_event_digest(prev_hash, request_id, seq, occurred_at, actor, kind,
                                                       from_status, to_status, reason, details)
                             AND prev_hash IS NOT DISTINCT FROM lag(hash) OVER (ORDER BY seq)
                             AND seq = row_number() OVER (ORDER BY seq) AS ok
                      FROM audit_event WHERE request_id = :requestId) checked
                """)
                .param("requestId", requestId)
                .query((rs, row) -> {
                    Integer broken = (Integer) rs.getObject("first_broken");
                    return new ChainVerification(broken == null, rs.getInt("events"), broken);
                })
                .single();
    }

    private static AuditEvent toEvent(ResultSet rs, int row) throws SQLException {
        return new AuditEvent(
                rs.getObject("request_id", UUID.class),
                rs.getInt("seq"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("actor"),
                AuditEventKind.valueOf(rs.getString("kind")),
                rs.getString("from_status"),
                rs.getString("to_status"),
                rs.getString("reason"),
                rs.getString("details"),
                HexFormat.of().formatHex(rs.getBytes("hash")));
    }
}
