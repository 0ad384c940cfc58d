-- ShedLock's lock rows: one per scheduled job that one replica at a time may run (README, "Scheduled jobs").
CREATE TABLE shedlock (
    name       varchar(64)  PRIMARY KEY,
    lock_until timestamptz  NOT NULL,
    locked_at  timestamptz  NOT NULL,
    locked_by  varchar(255) NOT NULL
);
