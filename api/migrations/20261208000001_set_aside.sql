-- A declaration the fund set aside (made up under a student's CIN, say):
-- when, or NULL. It stays, visible to the fund, but counts towards nothing
-- of its CIN: no identity conflict, no status page.
ALTER TABLE declarations ADD COLUMN set_aside_at TEXT;

-- The few set aside, found at once among millions.
CREATE INDEX declarations_set_aside ON declarations (set_aside_at) WHERE set_aside_at IS NOT NULL;
