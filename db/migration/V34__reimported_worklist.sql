-- The console's "Re-imported" worklist: requests whose completion check found data at Gong after the erasure, read by
-- deadline. They are few, so a partial index keeps the list and its count off the whole table.
CREATE INDEX erasure_request_reimported_due_idx ON erasure_request (due_at) WHERE checks_with_data > 0;
