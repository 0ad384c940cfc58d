-- The console's worklist and overview tile of extensions without a notice to the subject (README, "Console"): extended,
-- not cancelled, no notice within the original deadline and no answer yet. A partial index over exactly those rows, so
-- that counting and listing them costs what they are, however many requests were extended and answered over the years.
CREATE INDEX erasure_request_extension_without_notice_idx ON erasure_request (due_at)
    WHERE original_due_at IS NOT NULL AND extension_notice_at IS NULL AND answered_at IS NULL AND status <> 'CANCELLED';
