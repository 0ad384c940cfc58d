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
 * nature of the request, how it was made, the date and nature of the response to the subject, and the basis for any
 * denial. What Gong did has columns of its own: it is not what the subject was told.
 */
@Component
class RequestExport {

    static final List<String> COLUMNS = List.of(
            "request_id", "request_date", "request_nature", "regulation", "request_channel", "external_reference",
            "email", "phone_number", "email_hash", "status", "status_since", "status_reason", "due_at", "original_due_at",
            "extension_notice_at", "first_dispatched_at", "submitted_at", "completed_at", "gong_result_date", "gong_result",
            "response_date", "response_nature", "response_channel", "denial_basis", "gong_email_request_id",
            "gong_phone_request_id", "attempts", "identifiers_purged_at", "anonymised_at", "audit_events", "audit_head_hash",
            "created_at");

    /** Every request here asks for erasure: CCPA's "request to delete". */
    private static final String NATURE = "ERASURE";

    private static final String SQL = """
            SELECT r.id, r.received_at, r.regulation, r.source, r.external_reference, r.email_ciphertext, r.email_key_id,
                   r.email_masked, r.sealed_to_request, r.email_hash, r.phone_ciphertext, r.phone_key_id, r.phone_masked, r.status, r.due_at,
                   r.original_due_at, r.extension_notice_at, r.answered_at, r.answer_kind, answer.channel AS response_channel,
                   answer.basis AS denial_basis,
                   r.first_dispatched_at, r.submitted_at, r.completed_at, r.gong_email_request_id, r.gong_phone_request_id, r.attempts,
                   r.identifiers_purged_at, r.anonymised_at, r.created_at,
                   change.occurred_at AS status_since, change.reason AS status_reason, head.seq AS head_seq, head.hash AS head_hash
            FROM erasure_request r
            LEFT JOIN subject_response answer ON answer.request_id = r.id AND answer.answer
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
        // What Gong did: accepted the erasure, or (a completion check) confirmed that nothing is left.
        String gongResultDate = switch (status) {
            case SUBMITTED, NEEDS_ATTENTION -> time(rs, "submitted_at");
            case COMPLETED -> time(rs, "completed_at");
            default -> null;
        };
        String gongResult = switch (status) {
            case SUBMITTED, NEEDS_ATTENTION -> "ERASURE_SUBMITTED";
            case COMPLETED -> "ERASURE_CONFIRMED";
            default -> null;
        };
        rows.write(rs.getObject("id").toString(), time(rs, "received_at"), NATURE, rs.getString("regulation"),
                rs.getString("source"), rs.getString("external_reference"), masked.email(rs), masked.phone(rs),
                hex(rs.getBytes("email_hash")), status.name(), time(rs, "status_since"), rs.getString("status_reason"),
                time(rs, "due_at"), time(rs, "original_due_at"), time(rs, "extension_notice_at"), time(rs, "first_dispatched_at"),
                time(rs, "submitted_at"), time(rs, "completed_at"), gongResultDate, gongResult, time(rs, "answered_at"),
                rs.getString("answer_kind"), rs.getString("response_channel"), rs.getString("denial_basis"),
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
