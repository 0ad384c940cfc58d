-- Evidence for auditors: the public halves of the signing keys, signed anchors over every request's chain head, and
-- the results of the global chain verification. Keys and anchors are append-only, like audit_event.

CREATE FUNCTION append_only_reject_change() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;

-- Recorded the first time a replica runs with a key, so that receipts and anchors stay verifiable after the private key
-- is retired. A key id always names the same key: a replica configured otherwise refuses to start.
CREATE TABLE evidence_signing_key (
    key_id         text         PRIMARY KEY,
    algorithm      text         NOT NULL CHECK (algorithm = 'Ed25519'),
    -- X.509 SubjectPublicKeyInfo, DER: what `openssl pkey -pubin -inform DER` reads.
    public_key     bytea        NOT NULL,
    registered_at  timestamptz  NOT NULL DEFAULT now()
);

CREATE TRIGGER evidence_signing_key_append_only BEFORE UPDATE OR DELETE ON evidence_signing_key
    FOR EACH ROW EXECUTE FUNCTION append_only_reject_change();
CREATE TRIGGER evidence_signing_key_no_truncate BEFORE TRUNCATE ON evidence_signing_key
    FOR EACH STATEMENT EXECUTE FUNCTION append_only_reject_change();

-- A signed statement of every request's chain head as of cut_event_id. Every audit event with an id up to the cut
-- had committed when the cut was taken, and none can join later, so the heads can be listed again at any time from
-- audit_event alone: a list that no longer hashes to heads_sha256 means an anchored trail was changed.
CREATE TABLE audit_anchor (
    id             bigint       PRIMARY KEY,
    created_at     timestamptz  NOT NULL,
    cut_event_id   bigint       NOT NULL,
    requests       bigint       NOT NULL,
    events         bigint       NOT NULL,
    heads_sha256   bytea        NOT NULL,
    -- Exactly the signed bytes (UTF-8 JSON), which also name the previous anchor's digest.
    payload        bytea        NOT NULL,
    key_id         text         NOT NULL REFERENCES evidence_signing_key (key_id),
    signature      bytea        NOT NULL
);
CREATE SEQUENCE audit_anchor_id_seq OWNED BY audit_anchor.id;

CREATE TRIGGER audit_anchor_append_only BEFORE UPDATE OR DELETE ON audit_anchor
    FOR EACH ROW EXECUTE FUNCTION append_only_reject_change();
CREATE TRIGGER audit_anchor_no_truncate BEFORE TRUNCATE ON audit_anchor
    FOR EACH STATEMENT EXECUTE FUNCTION append_only_reject_change();

-- One row per run of the global verification; the metrics report the latest.
CREATE TABLE audit_verification (
    id               bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at       timestamptz  NOT NULL,
    finished_at      timestamptz  NOT NULL,
    verified_by      text         NOT NULL,
    requests         bigint       NOT NULL,
    events           bigint       NOT NULL,
    chains_broken    bigint       NOT NULL,
    -- The first of them, for the log and the operator; the count is complete.
    broken_requests  uuid[]       NOT NULL,
    anchors_broken   bigint       NOT NULL,
    broken_anchors   bigint[]     NOT NULL
);

-- The text that audit_event_digest (V1) hashes after prev_hash, so that exports can show it and an auditor can check
-- hash = sha256(prev_hash || hashed_text) without PostgreSQL. It must stay the same expression as in V1.
CREATE FUNCTION audit_event_hashed_text(request_id uuid, seq integer, occurred_at timestamptz, actor text, kind text,
                                        from_status text, to_status text, reason text, details jsonb)
    RETURNS text
    LANGUAGE sql
    STABLE
AS $$
    SELECT jsonb_build_array(request_id, seq, (extract(epoch FROM occurred_at) * 1000000)::bigint,
                             actor, kind, from_status, to_status, reason, details)::text
$$;
