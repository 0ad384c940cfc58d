-- One transition table for a request's status. The code's table is ErasureStatus.allowedNext(); these rows are the
-- same pairs (StatusMovesTest compares them), so that a move made with raw SQL, by any path, is refused here too.
CREATE TABLE erasure_status_move (
    from_status text NOT NULL,
    to_status   text NOT NULL,
    PRIMARY KEY (from_status, to_status)
);

INSERT INTO erasure_status_move (from_status, to_status) VALUES
    ('HELD', 'PENDING'), ('HELD', 'CANCELLED'),
    ('PENDING', 'DISPATCHING'), ('PENDING', 'CANCELLED'),
    ('DISPATCHING', 'PENDING'), ('DISPATCHING', 'SUBMITTED'), ('DISPATCHING', 'FAILED'),
    ('SUBMITTED', 'COMPLETED'), ('SUBMITTED', 'NEEDS_ATTENTION'),
    ('FAILED', 'PENDING'), ('NEEDS_ATTENTION', 'PENDING');

-- When the status last changed: the retention clock. updated_at also moves with an extension or Gong's receipt,
-- which must not restart the count.
ALTER TABLE erasure_request
    ADD COLUMN status_changed_at timestamptz,
    -- Completion checks that could not be made in a row; bounded by completion-check.max-failures.
    ADD COLUMN check_failures integer NOT NULL DEFAULT 0;
UPDATE erasure_request SET status_changed_at = updated_at;
ALTER TABLE erasure_request ALTER COLUMN status_changed_at SET NOT NULL;

CREATE FUNCTION erasure_request_status_move() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM erasure_status_move WHERE from_status = OLD.status AND to_status = NEW.status) THEN
        RAISE EXCEPTION 'erasure request status % cannot become %', OLD.status, NEW.status
            USING ERRCODE = 'check_violation';
    END IF;
    NEW.status_changed_at := now();
    RETURN NEW;
END
$$;

CREATE TRIGGER erasure_request_status_move BEFORE UPDATE OF status ON erasure_request
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION erasure_request_status_move();

-- A new row's status starts its clock when it is written.
ALTER TABLE erasure_request ALTER COLUMN status_changed_at SET DEFAULT now();

-- NEEDS_ATTENTION is unanswered too: nothing was confirmed, so it is overdue past its deadline. The partial indexes
-- follow ErasureStatus.UNANSWERED.
DROP INDEX erasure_request_open_due_idx;
CREATE INDEX erasure_request_open_due_idx ON erasure_request (due_at)
    WHERE status IN ('HELD', 'PENDING', 'DISPATCHING', 'FAILED', 'NEEDS_ATTENTION');
DROP INDEX erasure_request_unanswered_created_idx;
CREATE INDEX erasure_request_unanswered_created_idx ON erasure_request (created_at)
    WHERE status IN ('HELD', 'PENDING', 'DISPATCHING', 'FAILED', 'NEEDS_ATTENTION');

-- Retention walks closed rows by when they closed.
DROP INDEX erasure_request_unpurged_idx;
DROP INDEX erasure_request_unanonymised_idx;
CREATE INDEX erasure_request_unpurged_idx ON erasure_request (status_changed_at) WHERE identifiers_purged_at IS NULL;
CREATE INDEX erasure_request_unanonymised_idx ON erasure_request (status_changed_at) WHERE anonymised_at IS NULL;
