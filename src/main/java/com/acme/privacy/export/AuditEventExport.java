package com.acme.privacy.export;

import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Every audit event that occurred in a range. Each row can be checked on its own, without PostgreSQL:
 * {@code hash = sha256(prev_hash || hashed_text)}, both hashes as bytes and the text as UTF-8.
 */
@Component
class AuditEventExport {

    static final List<String> COLUMNS = List.of("request_id", "seq", "occurred_at", "actor", "kind", "from_status",
            "to_status", "reason", "details", "prev_hash", "hash", "hashed_text");

    private static final String SQL = """
            SELECT request_id, seq, occurred_at, actor, kind, from_status, to_status, reason, details::text AS details,
                   prev_hash, hash,
                   audit_event_hashed_text(request_id, seq, occurred_at, actor, kind, from_status, to_status, reason, details)
                       AS hashed_text
            FROM audit_event
            WHERE occurred_at >= ? AND occurred_at < ?
            ORDER BY occurred_at, id
            """;

    private final StreamedQueries queries;

    AuditEventExport(StreamedQueries queries) {
        this.queries = queries;
    }

    /** Closes {@code out} only when every row is written, so that a failure never looks like a complete file. */
    void write(ExportRange range, OutputStream out) {
        CsvRows rows = new CsvRows(out, COLUMNS);
        queries.each(SQL, range, rs -> row(rs, rows));
        rows.close();
    }

    private static void row(ResultSet rs, CsvRows rows) throws SQLException {
        rows.write(rs.getObject("request_id").toString(), rs.getInt("seq"), RequestExport.time(rs, "occurred_at"),
                rs.getString("actor"), rs.getString("kind"), rs.getString("from_status"), rs.getString("to_status"),
                rs.getString("reason"), rs.getString("details"), RequestExport.hex(rs.getBytes("prev_hash")),
                RequestExport.hex(rs.getBytes("hash")), rs.getString("hashed_text"));
    }
}
