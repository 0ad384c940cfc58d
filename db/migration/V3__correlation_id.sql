-- The X-Request-Id of the call that created the request, so that the dispatcher's log lines for it carry it too.
ALTER TABLE erasure_request ADD COLUMN correlation_id text;
