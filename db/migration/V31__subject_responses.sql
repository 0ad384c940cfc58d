-- What the data subject was told, when and how (README, "The answer to the subject"): the response that CCPA Regs
-- §7101 asks a business to record. Append-only, like audit_event; each row has its SUBJECT_RESPONSE audit event,
-- written in the same transaction. Two flags say which row is the request's answer and which notice completed its
-- extension; a unique index lets each be true once per request.
CREATE TABLE subject_response (
    id                  uuid         PRIMARY KEY,
    request_id          uuid         NOT NULL REFERENCES erasure_request (id),
    kind                text         NOT NULL CHECK (kind IN ('CONFIRMED_ERASURE', 'EXTENSION_NOTICE', 'DENIAL', 'PARTIAL')),
    -- Why the request was denied, in whole or in part: only for those kinds, and always for them.
    basis               text,
    -- When and how the subject was told.
    responded_at        timestamptz  NOT NULL,
    channel             text         NOT NULL CHECK (channel IN ('email', 'letter', 'portal')),
    -- The request's first final response (CONFIRMED_ERASURE, PARTIAL or DENIAL): the answer to the subject.
    answer              boolean      NOT NULL,
    -- An EXTENSION_NOTICE given and recorded within the original deadline: the extension is complete.
    completes_extension boolean      NOT NULL,
    recorded_by         text         NOT NULL,
    -- The service's clock: the rule that decides completes_extension compares it with the original deadline.
    recorded_at         timestamptz  NOT NULL,
    CONSTRAINT subject_response_basis_ck CHECK ((basis IS NOT NULL) = (kind IN ('DENIAL', 'PARTIAL'))),
    CONSTRAINT subject_response_answer_ck CHECK (NOT answer OR kind IN ('CONFIRMED_ERASURE', 'PARTIAL', 'DENIAL')),
    CONSTRAINT subject_response_extension_ck CHECK (NOT completes_extension OR kind = 'EXTENSION_NOTICE')
);

CREATE INDEX subject_response_request_idx ON subject_response (request_id, recorded_at);
CREATE UNIQUE INDEX subject_response_answer_uk ON subject_response (request_id) WHERE answer;
CREATE UNIQUE INDEX subject_response_extension_uk ON subject_response (request_id) WHERE completes_extension;

CREATE TRIGGER subject_response_append_only BEFORE UPDATE OR DELETE ON subject_response
    FOR EACH ROW EXECUTE FUNCTION append_only_reject_change();
CREATE TRIGGER subject_response_no_truncate BEFORE TRUNCATE ON subject_response
    FOR EACH STATEMENT EXECUTE FUNCTION append_only_reject_change();

-- The same two facts on the request, written with the row that states them, for what reads requests by them: the
-- console's count and list of extensions without a notice (a partial index over exactly those, V32) and the yearly
-- figures (one table). Once set they are kept, as the rows they copy are.
ALTER TABLE erasure_request
    ADD COLUMN answered_at         timestamptz,
    ADD COLUMN answer_kind         text CHECK (answer_kind IN ('CONFIRMED_ERASURE', 'PARTIAL', 'DENIAL')),
    ADD COLUMN extension_notice_at timestamptz,
    ADD CONSTRAINT erasure_request_answer_ck CHECK ((answered_at IS NULL) = (answer_kind IS NULL)),
    ADD CONSTRAINT erasure_request_extension_notice_ck CHECK (extension_notice_at IS NULL OR original_due_at IS NOT NULL);

CREATE FUNCTION erasure_request_answer_kept() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF (OLD.answered_at IS NOT NULL AND (NEW.answered_at, NEW.answer_kind) IS DISTINCT FROM (OLD.answered_at, OLD.answer_kind))
       OR (OLD.extension_notice_at IS NOT NULL AND NEW.extension_notice_at IS DISTINCT FROM OLD.extension_notice_at) THEN
        RAISE EXCEPTION 'the answer to the subject and the extension notice, once recorded, are kept'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER erasure_request_answer_kept BEFORE UPDATE OF answered_at, answer_kind, extension_notice_at ON erasure_request
    FOR EACH ROW EXECUTE FUNCTION erasure_request_answer_kept();
