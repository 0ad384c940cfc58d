-- Retention of the service's own personal data (README, "Retention").
--  1. purge: some time after a request closed, its ciphertexts are destroyed; the masked forms, the keyed hashes, the
--     times, Gong's ids and the audit trail stay, so the request can still be found and shown;
--  2. anonymisation: much later the keyed hashes, the masked forms and the portal's references go too. The audit trail
--     is kept unchanged (it never holds an identifier), so every chain stays verifiable and audit_event append-only.
ALTER TABLE erasure_request
    ADD COLUMN identifiers_purged_at timestamptz,
    ADD COLUMN anonymised_at timestamptz,
    ALTER COLUMN email_ciphertext DROP NOT NULL,
    ALTER COLUMN email_key_id DROP NOT NULL,
    ALTER COLUMN email_hash DROP NOT NULL;

-- V1's "phone ciphertext, key id and hash together" no longer holds once a purge keeps the hash alone.
ALTER TABLE erasure_request DROP CONSTRAINT erasure_request_check;

ALTER TABLE erasure_request
    ADD CONSTRAINT erasure_request_sealed_ck CHECK (
        (email_ciphertext IS NULL) = (email_key_id IS NULL)
        AND (phone_ciphertext IS NULL) = (phone_key_id IS NULL)
        AND (phone_ciphertext IS NULL OR phone_hash IS NOT NULL)),
    -- Ciphertexts exist exactly until the purge; keyed hashes exactly until anonymisation.
    ADD CONSTRAINT erasure_request_purge_ck CHECK (
        (email_ciphertext IS NULL) = (identifiers_purged_at IS NOT NULL)
        AND (phone_hash IS NULL OR (phone_ciphertext IS NULL) = (identifiers_purged_at IS NOT NULL))),
    ADD CONSTRAINT erasure_request_anonymisation_ck CHECK (
        (email_hash IS NULL) = (anonymised_at IS NOT NULL)
        AND (anonymised_at IS NULL OR (identifiers_purged_at IS NOT NULL AND phone_hash IS NULL AND email_masked IS NULL
                                       AND phone_masked IS NULL AND external_reference IS NULL AND idempotency_key IS NULL))),
    -- A purged request can never be sent again: nothing is left to send.
    ADD CONSTRAINT erasure_request_purged_stays_closed_ck CHECK (
        identifiers_purged_at IS NULL OR status NOT IN ('HELD', 'PENDING', 'DISPATCHING'));

-- The retention job's candidates: rows not yet handled, walked by updated_at up to the cut-off, so a run reads only the
-- rows that are due and stops at the first one too recent.
CREATE INDEX erasure_request_unpurged_idx ON erasure_request (updated_at) WHERE identifiers_purged_at IS NULL;
CREATE INDEX erasure_request_unanonymised_idx ON erasure_request (updated_at) WHERE anonymised_at IS NULL;
