-- What is left of declarations past the retention period (law 09-08: no
-- personal data kept longer than the purpose needs): anonymous counts, for
-- statistics. reason is the refusal reason's code ('' when none).
CREATE TABLE declaration_counts (
    academic_year TEXT NOT NULL,
    university_id TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    declarations BIGINT NOT NULL,
    PRIMARY KEY (academic_year, university_id, status, reason)
);
