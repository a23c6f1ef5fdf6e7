-- E-mails to send, written in the same transaction as what they announce;
-- a worker sends them and marks them sent, so a restart neither loses nor
-- repeats one. id is "<reference>.<kind>": one mail per event, ever.
-- Times are Unix seconds.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    claimed_until BIGINT,
    sent_at BIGINT,
    last_error TEXT
);

CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
