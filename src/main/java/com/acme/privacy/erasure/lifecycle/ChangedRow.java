package com.acme.privacy.erasure.lifecycle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A request as a fenced update left it: what a change notice tells its portal. */
record ChangedRow(UUID id, String source, String externalReference, Instant receivedAt, Instant dueAt, Instant originalDueAt,
                  Instant at) {

    /** Appended to an update of one request, for {@link #read}. */
    static final String RETURNING = " RETURNING id, source, external_reference, received_at, due_at, original_due_at, now() AS changed_at";

    static ChangedRow read(ResultSet rs, int row) throws SQLException {
        return new ChangedRow(rs.getObject("id", UUID.class), rs.getString("source"), rs.getString("external_reference"),
                instant(rs, "received_at"), instant(rs, "due_at"), instant(rs, "original_due_at"), instant(rs, "changed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
