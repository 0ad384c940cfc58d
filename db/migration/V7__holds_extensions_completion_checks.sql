-- Three statuses: HELD (waits for a release before anything is sent), COMPLETED (a check at Gong found nothing
-- left) and NEEDS_ATTENTION (data was still there after the erasure was sent again).
ALTER TABLE erasure_request DROP CONSTRAINT erasure_request_status_check;
ALTER TABLE erasure_request ADD CONSTRAINT erasure_request_status_check
    CHECK (status IN ('HELD', 'PENDING', 'DISPATCHING', 'SUBMITTED', 'COMPLETED', 'NEEDS_ATTENTION', 'FAILED', 'CANCELLED'));

ALTER TABLE erasure_request
    -- Ordering guard: not sent before this time, or (hold_until_confirmed) not before a release.
    ADD COLUMN not_before            timestamptz,
    ADD COLUMN hold_until_confirmed  boolean      NOT NULL DEFAULT false,
    -- The deadline before its one extension; due_at is the deadline in force.
    ADD COLUMN original_due_at       timestamptz,
    -- Completion checks: when the next is due, how many found data, the last one's counts, when nothing was left.
    ADD COLUMN check_due_at          timestamptz,
    ADD COLUMN checks_with_data      integer      NOT NULL DEFAULT 0,
    ADD COLUMN last_check            jsonb,
    ADD COLUMN completed_at          timestamptz;

-- A held request is the subject's open request, as a pending one is.
DROP INDEX erasure_request_open_subject_uk;
CREATE UNIQUE INDEX erasure_request_open_subject_uk ON erasure_request (email_hash, source)
    WHERE status IN ('HELD', 'PENDING', 'DISPATCHING');

-- Held requests are unanswered too: the legal deadline runs while they wait. The partial indexes follow the set.
DROP INDEX erasure_request_open_due_idx;
CREATE INDEX erasure_request_open_due_idx ON erasure_request (due_at)
    WHERE status IN ('HELD', 'PENDING', 'DISPATCHING', 'FAILED');
DROP INDEX erasure_request_unanswered_created_idx;
CREATE INDEX erasure_request_unanswered_created_idx ON erasure_request (created_at)
    WHERE status IN ('HELD', 'PENDING', 'DISPATCHING', 'FAILED');
CREATE INDEX erasure_request_held_created_idx ON erasure_request (created_at) WHERE status = 'HELD';

-- The dispatcher's check claim: submitted requests whose check is due.
CREATE INDEX erasure_request_check_due_idx ON erasure_request (check_due_at) WHERE status = 'SUBMITTED';
