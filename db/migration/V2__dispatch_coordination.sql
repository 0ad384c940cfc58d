-- Calls made to Gong per UTC day, shared by every replica and kept across restarts.
CREATE TABLE gong_daily_usage (
    day    date     PRIMARY KEY,
    calls  integer  NOT NULL CHECK (calls >= 0)
);

-- One row: when Gong asked us to stop (429 Retry-After) or rejected our credentials, no replica calls it
-- before paused_until.
CREATE TABLE dispatch_pause (
    id            smallint     PRIMARY KEY CHECK (id = 1),
    paused_until  timestamptz,
    reason        text         CHECK (reason IN ('RATE_LIMITED', 'CREDENTIALS_REJECTED')),
    updated_at    timestamptz,
    updated_by    text
);
INSERT INTO dispatch_pause (id) VALUES (1);
