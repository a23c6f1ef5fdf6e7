-- The universities' rosters of enrolled students, one per university and
-- academic year. A roster is the entries of one generation: an upload
-- writes a new generation beside the current one, then switches to it in
-- one short step, and the old one is erased after. `matched_generation`
-- is the generation the declarations' `enrolled` marks follow (the
-- matching runs after the switch, off the request); `final_at`, when the
-- university said the roster is complete (then its declarations not on it
-- are flagged not_on_roster); `uploading_since` and `matching_since`
-- (Unix seconds) claim the roster for one upload, and one matching, at a
-- time. `uploaded_at` is NULL until a first roster is given.
CREATE TABLE rosters (
    university_id TEXT NOT NULL,
    academic_year TEXT NOT NULL,
    generation BIGINT NOT NULL,
    students BIGINT NOT NULL,
    uploaded_at TEXT,
    final_at TEXT,
    matched_generation BIGINT,
    uploading_since BIGINT,
    matching_since BIGINT,
    PRIMARY KEY (university_id, academic_year)
);

-- A roster's students, each only as a keyed digest (HMAC-SHA256 with the
-- server's secret, 128 bits in hex) of its university, year, CIN, Massar
-- code and birth date: never the list in clear.
CREATE TABLE roster_entries (
    academic_year TEXT NOT NULL,
    university_id TEXT NOT NULL,
    generation BIGINT NOT NULL,
    digest TEXT NOT NULL,
    PRIMARY KEY (academic_year, university_id, generation, digest)
);

-- A declaration whose details are on its university's roster for its year.
ALTER TABLE declarations ADD COLUMN enrolled BIGINT NOT NULL DEFAULT 0;
