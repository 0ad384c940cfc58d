-- The console finds requests by the portal's external reference, and charts answers per day over the last 30 days.
-- Both would otherwise read the whole table.
CREATE INDEX erasure_request_external_reference_idx ON erasure_request (external_reference)
    WHERE external_reference IS NOT NULL;
CREATE INDEX erasure_request_submitted_idx ON erasure_request (submitted_at) WHERE submitted_at IS NOT NULL;
