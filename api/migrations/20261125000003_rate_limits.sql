-- Attempt counters for rate limits, shared by every API replica on the same
-- database. A bucket is "ip:<address>" or "cin:<keyed hash>" (never a CIN
-- in clear); window_start is the Unix second its fixed window began.
CREATE TABLE rate_limits (
    bucket TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
