-- What the fund's screens read at national volume (millions of
-- declarations) instead of scanning the declarations. Portable SQL; the
-- triggers that keep the tallies are each engine's own
-- (migrations/sqlite, migrations/postgres) and the indexes on the large
-- tables are built by the API at start-up (db/indexes.rs), without
-- blocking writes on PostgreSQL.

-- How many declarations there are per academic year, university, day of
-- receipt (UTC, as received_at), status, refusal reason's code ('' when
-- none), identity conflict and vouching: the dashboard and the counts of a
-- search by filters, kept exact by triggers in the transaction of every
-- change. A key whose count fell to 0 may stay.
CREATE TABLE declaration_tallies (
    academic_year TEXT NOT NULL,
    university_id TEXT NOT NULL,
    received_on TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    identity_conflict BIGINT NOT NULL,
    vouched BIGINT NOT NULL,
    declarations BIGINT NOT NULL,
    PRIMARY KEY (academic_year, university_id, received_on, status, reason, identity_conflict, vouched)
);

-- The declarations an audit entry names (any reference in its detail):
-- a case's history is read through this index, never by scanning the
-- details. It goes with its entry.
CREATE TABLE audit_references (
    reference TEXT NOT NULL,
    audit_id TEXT NOT NULL REFERENCES audit_log (id) ON DELETE CASCADE,
    PRIMARY KEY (reference, audit_id)
);
