-- The rate-limit buckets need no more durability than a restart's worth:
-- an UNLOGGED table writes no WAL, so a lookup's commit waits for no disk
-- flush. After a crash PostgreSQL empties it, and every bucket starts
-- full, as after a restart of an in-memory limiter; standbys do not
-- receive it, and a promoted standby starts with full buckets too. The
-- table is made anew rather than altered: `SET UNLOGGED` would rewrite
-- every bucket under an exclusive lock, and forgetting them is harmless.
DROP TABLE rate_limits;
CREATE UNLOGGED TABLE rate_limits (
    bucket TEXT PRIMARY KEY,
    tat BIGINT NOT NULL,
    allowed BIGINT NOT NULL
);
