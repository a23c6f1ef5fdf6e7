-- Rectifications: which field of a declaration an operator corrected,
-- when and who (a short hash of the token). The value replaced is not
-- kept: a rectified error is personal data the service no longer needs.
CREATE TABLE declaration_corrections (
    reference TEXT NOT NULL REFERENCES declarations (reference),
    position BIGINT NOT NULL,
    field TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    PRIMARY KEY (reference, position)
);
