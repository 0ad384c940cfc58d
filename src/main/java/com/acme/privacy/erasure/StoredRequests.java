package com.acme.privacy.erasure;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.acme.privacy.pii.Sealed;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes new requests and their RECEIVED events in one statement: atomic on its own, so in autocommit it is one round
 * trip, whether for one request or for the several that {@link GroupCommit} gathers. It stores nothing of a request
 * that meets a unique index (the portal's open request for the subject, or its Idempotency-Key), also one met earlier
 * in the same statement; the caller then finds what it met. Positional parameters, so that Spring does not parse the
 * statement per call; the driver prepares the text of each group size once it has been used five times.
 */
@Component
class StoredRequests {

    private static final String SUBMITTED = """
            WITH submitted (id, email_ciphertext, email_key_id, email_hash, email_masked, phone_ciphertext, phone_key_id,
                    phone_hash, phone_masked, hash_key_id, source, external_reference, regulation, received_at, due_at,
                    status, not_before, idempotency_key, idempotency_fingerprint, correlation_id, hold_until_confirmed,
                    created_at, actor, reason, details)
                AS (VALUES %s),
            """;
    /** The driver sends a null time untyped, which VALUES would read as text: the times are cast. */
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS timestamptz), CAST(? AS timestamptz), ?, "
            + "CAST(? AS timestamptz), ?, ?, ?, ?, CAST(? AS timestamptz), ?, ?, ?)";
    private static final String STORED = """
            stored AS (
                INSERT INTO erasure_request (id, email_ciphertext, email_key_id, email_hash, email_masked, phone_ciphertext,
                    phone_key_id, phone_hash, phone_masked, sealed_to_request, hash_key_id, source, external_reference,
                    regulation, received_at, due_at, status, attempts, next_attempt_at, idempotency_key,
                    idempotency_fingerprint, correlation_id, not_before, hold_until_confirmed, created_at, updated_at, version)
                SELECT id, email_ciphertext, email_key_id, email_hash, email_masked, phone_ciphertext, phone_key_id,
                    phone_hash, phone_masked, true, hash_key_id, source, external_reference, regulation, received_at, due_at,
                    status, 0, greatest(now(), not_before), idempotency_key, idempotency_fingerprint, correlation_id,
                    not_before, hold_until_confirmed, created_at, created_at, 0
                FROM submitted
                ON CONFLICT DO NOTHING
                RETURNING id)
            INSERT INTO audit_event (request_id, actor, kind, to_status, reason, details)
            SELECT id, actor, 'RECEIVED', status, reason, CAST(details AS jsonb) FROM submitted JOIN stored USING (id)
            RETURNING request_id
            """;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    StoredRequests(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @return whether it was stored; in the caller's transaction, if there is one */
    boolean insert(NewRequest request) {
        return !insertAll(List.of(request)).isEmpty();
    }

    /** @return the ids of those stored */
    Set<UUID> insertAll(List<NewRequest> requests) {
        if (requests.isEmpty()) {
            return Set.of();
        }
        String sql = SUBMITTED.formatted(String.join(", ", Collections.nCopies(requests.size(), ROW))) + STORED;
        return new HashSet<>(jdbc.query(sql, statement -> {
            int parameter = 0;
            for (NewRequest request : requests) {
                parameter = bind(statement, parameter, request);
            }
        }, (row, number) -> row.getObject(1, UUID.class)));
    }

    /** @return the last parameter index used */
    private int bind(PreparedStatement statement, int after, NewRequest row) throws SQLException {
        ErasureRequest request = row.request();
        Sealed phone = request.sealedPhone();
        int i = after;
        statement.setObject(++i, request.getId());
        statement.setBytes(++i, request.sealedEmail().ciphertext());
        statement.setString(++i, request.sealedEmail().keyId());
        statement.setBytes(++i, request.emailHash());
        statement.setString(++i, request.getEmailMasked());
        statement.setBytes(++i, phone == null ? null : phone.ciphertext());
        statement.setString(++i, phone == null ? null : phone.keyId());
        statement.setBytes(++i, request.phoneHash());
        statement.setString(++i, request.getPhoneMasked());
        statement.setString(++i, request.hashKeyId());
        statement.setString(++i, request.getSource());
        statement.setString(++i, request.getExternalReference());
        statement.setString(++i, request.getRegulation().name());
        statement.setObject(++i, utc(request.getReceivedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setObject(++i, utc(request.getDueAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setString(++i, request.getStatus().name());
        statement.setObject(++i, utc(request.getNotBefore()), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setString(++i, request.idempotencyKey());
        statement.setBytes(++i, request.getIdempotencyFingerprint());
        statement.setString(++i, request.correlationId());
        statement.setBoolean(++i, request.isHoldUntilConfirmed());
        statement.setObject(++i, utc(request.getCreatedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setString(++i, row.actor());
        statement.setString(++i, "Submitted by " + request.getSource());
        statement.setString(++i, json.writeValueAsString(row.facts()));
        return i;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * A request as intake stores it.
     *
     * @param actor who submitted it
     * @param facts what the RECEIVED event records of the submission
     */
    record NewRequest(ErasureRequest request, String actor, Map<String, Object> facts) {
    }
}
