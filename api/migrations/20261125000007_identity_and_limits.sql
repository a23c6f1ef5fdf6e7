-- Identity across years: one CIN may have several declarations in an
-- academic year (a student and whoever typed their CIN), each seen only
-- with its own Massar code and birth date, the contradicting ones flagged
-- identity_conflict for the fund; a university portal may vouch for one
-- (vouched_by, its id; '' when none). The same details are declared once
-- per year and per voucher. Portable SQL: the table is rebuilt without
-- the old UNIQUE (cin, academic_year), which neither engine lets us drop
-- in the same way, its events with it.
CREATE TABLE declarations_v7 (
    reference TEXT PRIMARY KEY,
    academic_year TEXT NOT NULL,
    cin TEXT NOT NULL,
    massar TEXT NOT NULL,
    last_name TEXT NOT NULL,
    first_name TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT,
    university_id TEXT NOT NULL REFERENCES universities (id),
    establishment TEXT,
    lang TEXT NOT NULL,
    status TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    request_hash TEXT NOT NULL,
    received_at TEXT NOT NULL,
    decided_on TEXT,
    refusal_reason TEXT,
    identity_conflict BIGINT NOT NULL DEFAULT 0,
    vouched_by TEXT NOT NULL DEFAULT '',
    CONSTRAINT declarations_identity_year UNIQUE (cin, academic_year, massar, birth_date, vouched_by)
);

INSERT INTO declarations_v7 (reference, academic_year, cin, massar, last_name, first_name,
    birth_date, email, phone, university_id, establishment, lang, status, idempotency_key,
    request_hash, received_at, decided_on, refusal_reason)
SELECT reference, academic_year, cin, massar, last_name, first_name, birth_date, email, phone,
    university_id, establishment, lang, status, idempotency_key, request_hash, received_at,
    decided_on, refusal_reason
FROM declarations;

CREATE TABLE declaration_events_v7 (
    reference TEXT NOT NULL REFERENCES declarations_v7 (reference),
    position BIGINT NOT NULL,
    status TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (reference, position)
);

INSERT INTO declaration_events_v7 (reference, position, status, at)
SELECT reference, position, status, at FROM declaration_events;

DROP TABLE declaration_events;
DROP TABLE declarations;
ALTER TABLE declarations_v7 RENAME TO declarations;
ALTER TABLE declaration_events_v7 RENAME TO declaration_events;

-- One row per CIN and academic year declared: the row a declaration locks
-- first (an upsert), so that the declarations of one CIN and year are
-- judged one after the other, on PostgreSQL as on SQLite.
CREATE TABLE cin_years (
    cin TEXT NOT NULL,
    academic_year TEXT NOT NULL,
    PRIMARY KEY (cin, academic_year)
);

-- Portal tokens already used ("<issuer> <jti>"), until they expire
-- (Unix seconds): each vouches for one declaration only.
CREATE TABLE portal_tokens (
    id TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);

-- Rate limits become token buckets: one row per bucket, its theoretical
-- arrival time in Unix milliseconds (GCRA) and whether the last request
-- was let through. A bucket is "<kind>:<HMAC of the address, CIN or
-- mailbox>", never a value in clear.
DROP TABLE rate_limits;
CREATE TABLE rate_limits (
    bucket TEXT PRIMARY KEY,
    tat BIGINT NOT NULL,
    allowed BIGINT NOT NULL
);
