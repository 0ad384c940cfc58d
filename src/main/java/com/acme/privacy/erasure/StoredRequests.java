package com.acme.privacy.erasure;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.acme.privacy.pii.Sealed;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a new request and its RECEIVED event in one statement: atomic on its own, so in autocommit it is one round
 * trip. It stores nothing when the request meets a unique index (the portal's open request for the subject, or its
 * Idempotency-Key); the caller then finds what it met.
 */
@Component
class StoredRequests {

    private static final String INSERT = """
            WITH stored AS (
                INSERT INTO erasure_request (id, email_ciphertext, email_key_id, email_hash, email_masked, phone_ciphertext,
                    phone_key_id, phone_hash, phone_masked, sealed_to_request, hash_key_id, source, external_reference,
                    regulation, received_at, due_at, status, attempts, next_attempt_at, idempotency_key,
                    idempotency_fingerprint, correlation_id, not_before, hold_until_confirmed, created_at, updated_at, version)
                VALUES (:id, :emailCiphertext, :emailKeyId, :emailHash, :emailMasked, :phoneCiphertext, :phoneKeyId,
                    :phoneHash, :phoneMasked, true, :hashKeyId, :source, :externalReference, :regulation, :receivedAt,
                    :dueAt, :status, 0, greatest(now(), :notBefore), :idempotencyKey, :fingerprint, :correlationId,
                    :notBefore, :hold, :now, :now, 0)
                ON CONFLICT DO NOTHING
                RETURNING id)
            INSERT INTO audit_event (request_id, actor, kind, to_status, reason, details)
            SELECT id, :actor, 'RECEIVED', :status, :reason, CAST(:details AS jsonb) FROM stored
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    StoredRequests(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Every parameter that may be null carries its SQL type, so that the driver is not asked to describe the
     * statement first.
     *
     * @param facts what the RECEIVED event records of the submission
     * @return whether it was stored
     */
    boolean insert(ErasureRequest request, String actor, Map<String, Object> facts) {
        Sealed phone = request.sealedPhone();
        return jdbc.sql(INSERT)
                .param("id", request.getId())
                .param("emailCiphertext", request.sealedEmail().ciphertext())
                .param("emailKeyId", request.sealedEmail().keyId())
                .param("emailHash", request.emailHash())
                .param("emailMasked", request.getEmailMasked(), Types.VARCHAR)
                .param("phoneCiphertext", phone == null ? null : phone.ciphertext(), Types.BINARY)
                .param("phoneKeyId", phone == null ? null : phone.keyId(), Types.VARCHAR)
                .param("phoneHash", request.phoneHash(), Types.BINARY)
                .param("phoneMasked", request.getPhoneMasked(), Types.VARCHAR)
                .param("hashKeyId", request.hashKeyId())
                .param("source", request.getSource())
                .param("externalReference", request.getExternalReference(), Types.VARCHAR)
                .param("regulation", request.getRegulation().name())
                .param("receivedAt", utc(request.getReceivedAt()))
                .param("dueAt", utc(request.getDueAt()))
                .param("idempotencyKey", request.idempotencyKey(), Types.VARCHAR)
                .param("fingerprint", request.getIdempotencyFingerprint(), Types.BINARY)
                .param("correlationId", request.correlationId(), Types.VARCHAR)
                .param("status", request.getStatus().name())
                .param("notBefore", request.getNotBefore() == null ? null : utc(request.getNotBefore()), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("hold", request.isHoldUntilConfirmed())
                .param("now", utc(request.getCreatedAt()))
                .param("actor", actor)
                .param("reason", "Submitted by " + request.getSource())
                .param("details", json.writeValueAsString(facts))
                .update() == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
