-- Erasure requests. Identifiers are never stored in clear: *_ciphertext is AES-256-GCM (nonce || ciphertext || tag)
-- under the key named in *_key_id, and *_hash is an HMAC-SHA256 used for lookups and duplicate detection.
CREATE TABLE erasure_request (
    id                       uuid         PRIMARY KEY,
    email_ciphertext         bytea        NOT NULL,
    email_key_id             text         NOT NULL,
    email_hash               bytea        NOT NULL,
    phone_ciphertext         bytea,
    phone_key_id             text,
    phone_hash               bytea,
    source                   text         NOT NULL,
    external_reference       text,
    regulation               text         NOT NULL CHECK (regulation IN ('GDPR', 'CCPA', 'OTHER')),
    received_at              timestamptz  NOT NULL,
    due_at                   timestamptz  NOT NULL,
    status                   text         NOT NULL
                                          CHECK (status IN ('PENDING', 'DISPATCHING', 'SUBMITTED', 'FAILED', 'CANCELLED')),
    attempts                 integer      NOT NULL DEFAULT 0,
    next_attempt_at          timestamptz,
    lease_until              timestamptz,
    leased_by                text,
    first_dispatched_at      timestamptz,
    gong_email_request_id    text,
    gong_phone_request_id    text,
    submitted_at             timestamptz,
    idempotency_key          text,
    idempotency_fingerprint  bytea,
    created_at               timestamptz  NOT NULL,
    updated_at               timestamptz  NOT NULL,
    version                  bigint       NOT NULL DEFAULT 0,
    CHECK ((phone_ciphertext IS NULL) = (phone_hash IS NULL) AND (phone_ciphertext IS NULL) = (phone_key_id IS NULL)),
    CHECK ((idempotency_key IS NULL) = (idempotency_fingerprint IS NULL))
);

-- Retries of one portal call find their request.
CREATE UNIQUE INDEX erasure_request_idempotency_uk ON erasure_request (source, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
-- At most one open request per subject; concurrent duplicate submissions collide here.
CREATE UNIQUE INDEX erasure_request_open_subject_uk ON erasure_request (email_hash)
    WHERE status IN ('PENDING', 'DISPATCHING');
CREATE INDEX erasure_request_email_hash_idx ON erasure_request (email_hash);
CREATE INDEX erasure_request_phone_hash_idx ON erasure_request (phone_hash) WHERE phone_hash IS NOT NULL;
CREATE INDEX erasure_request_status_received_idx ON erasure_request (status, received_at);
CREATE INDEX erasure_request_received_idx ON erasure_request (received_at);
CREATE INDEX erasure_request_created_idx ON erasure_request (created_at);
CREATE INDEX erasure_request_source_created_idx ON erasure_request (source, created_at);
-- Overdue reports look only at requests not yet submitted, a small part of the table.
CREATE INDEX erasure_request_open_due_idx ON erasure_request (due_at)
    WHERE status IN ('PENDING', 'DISPATCHING', 'FAILED');
-- The dispatcher's claim: due pending requests, and dispatching ones whose lease has run out.
CREATE INDEX erasure_request_pending_due_idx ON erasure_request (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX erasure_request_lease_idx ON erasure_request (lease_until) WHERE status = 'DISPATCHING';

-- Append-only audit trail. Each request's events form a hash chain (hash = sha256(prev_hash || event)),
-- computed by the database so that no code path can skip or forge it.
CREATE TABLE audit_event (
    id           bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id   uuid         NOT NULL REFERENCES erasure_request (id),
    seq          integer      NOT NULL,
    occurred_at  timestamptz  NOT NULL,
    actor        text         NOT NULL,
    kind         text         NOT NULL,
    from_status  text,
    to_status    text,
    reason       text,
    details      jsonb        NOT NULL DEFAULT '{}'::jsonb,
    prev_hash    bytea,
    hash         bytea        NOT NULL,
    CONSTRAINT audit_event_request_seq_uk UNIQUE (request_id, seq)
);

-- The canonical form is a JSON array, so no field can bleed into the next; the time is taken as epoch
-- microseconds so that the session's time zone cannot change the digest.
CREATE FUNCTION audit_event_digest(prev_hash bytea, request_id uuid, seq integer, occurred_at timestamptz,
                                   actor text, kind text, from_status text, to_status text, reason text,
                                   details jsonb)
    RETURNS bytea
    LANGUAGE sql
    STABLE
AS $$
    SELECT sha256(coalesce(prev_hash, ''::bytea) || convert_to(jsonb_build_array(
        request_id, seq, (extract(epoch FROM occurred_at) * 1000000)::bigint,
        actor, kind, from_status, to_status, reason, details)::text, 'UTF8'))
$$;

CREATE FUNCTION audit_event_chain() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    last_seq  integer;
    last_hash bytea;
BEGIN
    -- Serialises writers of one request's chain; key 1 is the audit trail's advisory-lock namespace.
    PERFORM pg_advisory_xact_lock(1, hashtext(NEW.request_id::text));
    SELECT e.seq, e.hash INTO last_seq, last_hash
      FROM audit_event e WHERE e.request_id = NEW.request_id ORDER BY e.seq DESC LIMIT 1;
    NEW.seq := coalesce(last_seq, 0) + 1;
    NEW.prev_hash := last_hash;
    NEW.occurred_at := clock_timestamp();
    NEW.hash := audit_event_digest(NEW.prev_hash, NEW.request_id, NEW.seq, NEW.occurred_at, NEW.actor, NEW.kind,
                                   NEW.from_status, NEW.to_status, NEW.reason, NEW.details);
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_chain();

CREATE FUNCTION audit_event_reject_change() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_reject_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_reject_change();

CREATE INDEX audit_event_occurred_idx ON audit_event (occurred_at);
