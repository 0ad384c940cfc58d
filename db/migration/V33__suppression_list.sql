-- The suppression list (README, "Suppression list"): every subject who asked to be erased stays findable by its keyed
-- hash after retention anonymised the request, so that CRM and mail teams can stop re-imports at the source. A row holds
-- no identifier, no request id and no time of day, only UTC days: nothing in it leads back to a request's tombstone.
-- Rows are written when retention anonymises a request, in the same transaction.
CREATE TABLE suppression_entry (
    kind               text   NOT NULL CHECK (kind IN ('EMAIL', 'PHONE')),
    -- HMAC-SHA256 under the hash key named by hash_key_id, as erasure_request.email_hash / phone_hash were.
    keyed_hash         bytea  NOT NULL,
    hash_key_id        text   NOT NULL,
    first_requested_on date   NOT NULL,
    last_requested_on  date   NOT NULL,
    -- When the latest erasure was confirmed; NULL when none was.
    erased_on          date,
    PRIMARY KEY (kind, keyed_hash),
    CHECK (first_requested_on <= last_requested_on)
);
