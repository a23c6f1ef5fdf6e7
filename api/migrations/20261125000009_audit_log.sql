-- What operators did, appended and never changed: who (a short hash of
-- the operator's token, never the token), what, when (RFC 3339 UTC), and
-- its details as JSON (references and counts, never a CIN or a name).
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
);

CREATE INDEX audit_log_at ON audit_log (at);
