-- The proofs of work already used for a status lookup (a solved puzzle
-- proves once), kept until their puzzle expires: the puzzle's salt, and
-- when (Unix seconds). UNLOGGED, as the rate-limit buckets: a lookup's
-- commit waits for no disk flush, and what a crash forgets is at most five
-- minutes of puzzles that could be answered twice.
CREATE UNLOGGED TABLE spent_proofs (
    salt TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
CREATE INDEX spent_proofs_expiry ON spent_proofs (expires_at);
