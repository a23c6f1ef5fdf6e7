-- Declarations and their status history. Portable SQL (SQLite and
-- PostgreSQL); times are RFC 3339 UTC text, which sorts as time does.
CREATE TABLE declarations (
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
    -- The client's Idempotency-Key and a hash of what it sent with it: a
    -- retry gets the same answer, a different body under the key is refused.
    idempotency_key TEXT NOT NULL UNIQUE,
    request_hash TEXT NOT NULL,
    received_at TEXT NOT NULL,
    -- One declaration per student per academic year.
    CONSTRAINT declarations_cin_year UNIQUE (cin, academic_year)
);

CREATE TABLE declaration_events (
    reference TEXT NOT NULL REFERENCES declarations (reference),
    position BIGINT NOT NULL,
    status TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (reference, position)
);
