-- The pace of Gong calls, shared by whoever leads: when the last call started (database time), so that a new
-- leader keeps the spacing, and the adaptive pace that 429s lowered.
CREATE TABLE dispatch_pace (
    id                   smallint          PRIMARY KEY CHECK (id = 1),
    last_call_at         timestamptz,
    calls_per_second     double precision,
    ceiling              double precision,
    ceiling_lowered_at   timestamptz
);
INSERT INTO dispatch_pace (id) VALUES (1);

-- A wrong base URL or path (404, 405, 410) pauses every replica, like rejected credentials.
ALTER TABLE dispatch_pause DROP CONSTRAINT dispatch_pause_reason_check;
ALTER TABLE dispatch_pause ADD CONSTRAINT dispatch_pause_reason_check
    CHECK (reason IN ('RATE_LIMITED', 'CREDENTIALS_REJECTED', 'MISCONFIGURED'));

-- The oldest-pending gauge: open requests are the newest rows, so min(created_at) over the whole created_at index
-- would walk almost all of it.
CREATE INDEX erasure_request_open_created_idx ON erasure_request (created_at) WHERE status IN ('PENDING', 'DISPATCHING');
-- The overdue list, newest first: it walks unanswered requests by creation and stops at the page, however many
-- FAILED ones have piled up.
CREATE INDEX erasure_request_unanswered_created_idx ON erasure_request (created_at)
    WHERE status IN ('PENDING', 'DISPATCHING', 'FAILED');
