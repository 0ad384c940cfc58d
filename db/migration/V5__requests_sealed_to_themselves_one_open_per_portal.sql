-- Identifiers sealed to their row (the AES-GCM associated data names the request, the kind and the key id), their
-- masked forms kept for display and for the record after the ciphertexts go, and the id of the hash key. Rows written
-- before keep the defaults: sealed with the kind only, hashed under the key that becomes h1, no masked form; the
-- identifier upgrade job re-seals them, re-hashes them under the active hash key and masks them.
ALTER TABLE erasure_request
    ADD COLUMN email_masked       text,
    ADD COLUMN phone_masked       text,
    ADD COLUMN sealed_to_request  boolean  NOT NULL DEFAULT false,
    ADD COLUMN hash_key_id        text     NOT NULL DEFAULT 'h1';

CREATE INDEX erasure_request_to_upgrade_idx ON erasure_request (created_at) WHERE NOT sealed_to_request;

-- One open request per subject per portal: a portal's submission never depends on, nor tells of, another's.
DROP INDEX erasure_request_open_subject_uk;
CREATE UNIQUE INDEX erasure_request_open_subject_uk ON erasure_request (email_hash, source)
    WHERE status IN ('PENDING', 'DISPATCHING');
