-- A refused student's request that the fund look at the declaration again,
-- once per decision: `decision` is the position of the refusal's event in
-- `declaration_events`. The reason's code, the student's explanation, and
-- each detail they ask to correct, as it was and as it should read (JSON),
-- for the fund's agent; `applied` once the fund accepted and the
-- corrections were made. Erased with its declaration.
CREATE TABLE reexaminations (
    reference TEXT NOT NULL REFERENCES declarations (reference),
    decision BIGINT NOT NULL,
    requested_at TEXT NOT NULL,
    reason TEXT NOT NULL,
    explanation TEXT NOT NULL,
    corrections TEXT NOT NULL,
    applied BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (reference, decision)
);
