package com.acme.privacy.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.erasure.MaskedIdentifiers;

/**
 * The console's read-only list queries (search results, worklists), paged. Each condition is written to match an
 * index: the keyed hashes, the external reference, or the partial index over unanswered requests by {@code due_at}.
 */
@Component
@Transactional(readOnly = true)
class RequestLists {

    private static final String COLUMNS = """
            id, status, regulation, source, external_reference, received_at, due_at,
            email_masked, phone_masked, sealed_to_request, email_key_id, email_ciphertext, phone_key_id, phone_ciphertext""";

    private final JdbcClient jdbc;
    private final MaskedIdentifiers masked;

    RequestLists(JdbcClient jdbc, MaskedIdentifiers masked) {
        this.jdbc = jdbc;
        this.masked = masked;
    }

    /**
     * @param where   a condition over {@code erasure_request} with named parameters, never text from a person
     * @param orderBy an ORDER BY list, likewise fixed by the caller
     */
    PageOf<RequestRow> page(String where, Map<String, ?> params, String orderBy, int page) {
        long total = jdbc.sql("SELECT count(*) FROM erasure_request WHERE " + where).params(params).query(Long.class).single();
        List<RequestRow> rows = jdbc.sql("SELECT " + COLUMNS + " FROM erasure_request WHERE " + where
                        + " ORDER BY " + orderBy + ", id LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", PageOf.SIZE)
                .param("offset", (long) page * PageOf.SIZE)
                .query(this::row)
                .list();
        return new PageOf<>(rows, page, PageOf.SIZE, total);
    }

    private RequestRow row(ResultSet rs, int row) throws SQLException {
        return new RequestRow(
                rs.getObject("id", UUID.class),
                rs.getString("status"),
                masked.email(rs),
                masked.phone(rs),
                rs.getString("regulation"),
                rs.getString("source"),
                rs.getString("external_reference"),
                rs.getTimestamp("received_at").toInstant(),
                rs.getTimestamp("due_at").toInstant());
    }
}
