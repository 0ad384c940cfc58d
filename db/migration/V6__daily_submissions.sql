-- Each caller's submissions per UTC day, for the daily quota: shared by the replicas and kept across restarts.
CREATE TABLE daily_submissions (
    caller       text    NOT NULL,
    day          date    NOT NULL,
    submissions  bigint  NOT NULL CHECK (submissions >= 0),
    PRIMARY KEY (caller, day)
);
