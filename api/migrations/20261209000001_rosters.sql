-- The universities' rosters of enrolled students, one per university and
-- academic year: when it was given, how many students it holds, and when
-- the university said it is complete (then its declarations not on it are
-- flagged not_on_roster).
CREATE TABLE rosters (
    university_id TEXT NOT NULL,
    academic_year TEXT NOT NULL,
    students BIGINT NOT NULL,
    uploaded_at TEXT NOT NULL,
    final_at TEXT,
    PRIMARY KEY (university_id, academic_year)
);

-- A roster's students, each only as a keyed digest (HMAC-SHA256 with the
-- server's secret, 128 bits in hex) of its university, year, CIN, Massar
-- code and birth date: never the list in clear.
CREATE TABLE roster_entries (
    university_id TEXT NOT NULL,
    academic_year TEXT NOT NULL,
    digest TEXT NOT NULL,
    PRIMARY KEY (academic_year, university_id, digest)
);

-- A declaration whose details are on its university's roster for its year.
ALTER TABLE declarations ADD COLUMN enrolled BIGINT NOT NULL DEFAULT 0;
