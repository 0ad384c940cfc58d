-- The console's "Needs attention" worklist reads these requests by deadline, a page at a time, and its overview charts
-- completions per day over the last 30 days. Without these indexes the first would sort every such request and the
-- second would read the whole table. (Held requests are in the partial index over unanswered ones by due_at.)
CREATE INDEX erasure_request_needs_attention_due_idx ON erasure_request (due_at) WHERE status = 'NEEDS_ATTENTION';
CREATE INDEX erasure_request_completed_idx ON erasure_request (completed_at) WHERE completed_at IS NOT NULL;
