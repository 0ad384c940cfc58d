package com.acme.privacy.export;

import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;

import org.springframework.stereotype.Component;

import com.acme.privacy.erasure.ErasureStatus;
import com.acme.privacy.erasure.MaskedIdentifiers;

/**
 * Every request received in a range, one row each, with what CCPA Regs §7101 asks a business to record: the date and
 * nature of the request, how it was made, the date and nature of the response, and the basis for any denial.
 */
@Component
class RequestExport {

    static final List<String> COLUMNS = List.of(
            "request_id", "request_date", "request_nature", "regulation", "request_channel", "external_reference",
            "email", "phone_number", "email_hash", "status", "status_since", "status_reason", "due_at",
            "first_dispatched_at", "submitted_at", "completed_at", "response_date", "response_nature", "denial_basis",
            "gong_email_request_id", "gong_phone_request_id", "attempts", "identifiers_purged_at", "anonymised_at",
            "audit_events", "audit_head_hash", "created_at");

    /** Every request here asks for erasure: CCPA's "request to delete". */
    private static final String NATURE = "ERASURE";

    private static final String SQL = """
            SELECT r.id, r.received_at, r.regulation, r.source, r.external_reference, r.email_ciphertext, r.email_key_id,
                   r.email_masked, r.sealed_to_request, r.email_hash, r.phone_ciphertext, r.phone_key_id, r.phone_masked, r.status, r.due_at,
                   r.first_dispatched_at, r.submitted_at, r.completed_at, r.gong_email_request_id, r.gong_phone_request_id, r.attempts,
                   r.identifiers_purged_at, r.anonymised_at, r.created_at,
                   change.occurred_at AS status_since, change.reason AS status_reason, head.seq AS head_seq, head.hash AS head_hash
            FROM erasure_request r
            LEFT JOIN LATERAL (SELECT e.occurred_at, e.reason FROM audit_event e
                               WHERE e.request_id = r.id AND e.to_status IS NOT NULL ORDER BY e.seq DESC LIMIT 1) change ON true
            LEFT JOIN LATERAL (SELECT e.seq, e.hash FROM audit_event e
                               WHERE e.request_id = r.id ORDER BY e.seq DESC LIMIT 1) head ON true
            WHERE r.received_at >= ? AND r.received_at < ?
            ORDER BY r.received_at, r.id
            """;

    private final StreamedQueries queries;
    private final MaskedIdentifiers masked;

    RequestExport(StreamedQueries queries, MaskedIdentifiers masked) {
        this.queries = queries;
        this.masked = masked;
    }

    /** Closes {@code out} only when every row is written, so that a failure never looks like a complete file. */
    void write(ExportRange range, OutputStream out) {
        CsvRows rows = new CsvRows(out, COLUMNS);
        queries.each(SQL, range, rs -> row(rs, rows));
        rows.close();
    }

    private void row(ResultSet rs, CsvRows rows) throws SQLException {
        ErasureStatus status = ErasureStatus.valueOf(rs.getString("status"));
        String statusSince = time(rs, "status_since");
        String statusReason = rs.getString("status_reason");
        // Answered: Gong accepted the erasure, or the request was withdrawn or refused before reaching Gong.
        String responseDate = switch (status) {
            case SUBMITTED, NEEDS_ATTENTION -> time(rs, "submitted_at");
            case COMPLETED -> time(rs, "completed_at");
            case CANCELLED -> statusSince;
            default -> null;
        };
        String responseNature = switch (status) {
            case SUBMITTED, NEEDS_ATTENTION -> "ERASURE_SUBMITTED";
            case COMPLETED -> "ERASURE_CONFIRMED";
            case CANCELLED -> "CANCELLED";
            default -> null;
        };
        rows.write(rs.getObject("id").toString(), time(rs, "received_at"), NATURE, rs.getString("regulation"),
                rs.getString("source"), rs.getString("external_reference"), masked.email(rs), masked.phone(rs),
                hex(rs.getBytes("email_hash")), status.name(), statusSince, statusReason, time(rs, "due_at"),
                time(rs, "first_dispatched_at"), time(rs, "submitted_at"), time(rs, "completed_at"), responseDate, responseNature,
                status == ErasureStatus.CANCELLED ? statusReason : null,
                rs.getString("gong_email_request_id"), rs.getString("gong_phone_request_id"), rs.getInt("attempts"),
                time(rs, "identifiers_purged_at"), time(rs, "anonymised_at"), (Integer) rs.getObject("head_seq"),
                hex(rs.getBytes("head_hash")), time(rs, "created_at"));
    }

    static String time(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant().toString();
    }

    static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }
}
