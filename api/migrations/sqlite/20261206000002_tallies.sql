-- SQLite's triggers keeping declaration_tallies exact (see
-- 20261206000001_volume.sql), and their first filling, in one transaction.
CREATE TRIGGER declarations_tally_insert AFTER INSERT ON declarations
BEGIN
    INSERT OR IGNORE INTO declaration_tallies (academic_year, university_id, received_on,
        status, reason, identity_conflict, vouched, declarations)
    VALUES (NEW.academic_year, NEW.university_id, substr(NEW.received_at, 1, 10), NEW.status,
        COALESCE(json_extract(NEW.refusal_reason, '$.reason'), ''),
        NEW.identity_conflict <> 0, NEW.vouched_by <> '', 0);
    UPDATE declaration_tallies SET declarations = declarations + 1
    WHERE academic_year = NEW.academic_year AND university_id = NEW.university_id
        AND received_on = substr(NEW.received_at, 1, 10) AND status = NEW.status
        AND reason = COALESCE(json_extract(NEW.refusal_reason, '$.reason'), '')
        AND identity_conflict = (NEW.identity_conflict <> 0) AND vouched = (NEW.vouched_by <> '');
END;

CREATE TRIGGER declarations_tally_delete AFTER DELETE ON declarations
BEGIN
    UPDATE declaration_tallies SET declarations = declarations - 1
    WHERE academic_year = OLD.academic_year AND university_id = OLD.university_id
        AND received_on = substr(OLD.received_at, 1, 10) AND status = OLD.status
        AND reason = COALESCE(json_extract(OLD.refusal_reason, '$.reason'), '')
        AND identity_conflict = (OLD.identity_conflict <> 0) AND vouched = (OLD.vouched_by <> '');
END;

CREATE TRIGGER declarations_tally_update AFTER UPDATE OF academic_year, university_id,
    received_at, status, refusal_reason, identity_conflict, vouched_by ON declarations
WHEN OLD.academic_year IS NOT NEW.academic_year OR OLD.university_id IS NOT NEW.university_id
    OR substr(OLD.received_at, 1, 10) IS NOT substr(NEW.received_at, 1, 10)
    OR OLD.status IS NOT NEW.status OR OLD.refusal_reason IS NOT NEW.refusal_reason
    OR (OLD.identity_conflict <> 0) IS NOT (NEW.identity_conflict <> 0)
    OR (OLD.vouched_by <> '') IS NOT (NEW.vouched_by <> '')
BEGIN
    UPDATE declaration_tallies SET declarations = declarations - 1
    WHERE academic_year = OLD.academic_year AND university_id = OLD.university_id
        AND received_on = substr(OLD.received_at, 1, 10) AND status = OLD.status
        AND reason = COALESCE(json_extract(OLD.refusal_reason, '$.reason'), '')
        AND identity_conflict = (OLD.identity_conflict <> 0) AND vouched = (OLD.vouched_by <> '');
    INSERT OR IGNORE INTO declaration_tallies (academic_year, university_id, received_on,
        status, reason, identity_conflict, vouched, declarations)
    VALUES (NEW.academic_year, NEW.university_id, substr(NEW.received_at, 1, 10), NEW.status,
        COALESCE(json_extract(NEW.refusal_reason, '$.reason'), ''),
        NEW.identity_conflict <> 0, NEW.vouched_by <> '', 0);
    UPDATE declaration_tallies SET declarations = declarations + 1
    WHERE academic_year = NEW.academic_year AND university_id = NEW.university_id
        AND received_on = substr(NEW.received_at, 1, 10) AND status = NEW.status
        AND reason = COALESCE(json_extract(NEW.refusal_reason, '$.reason'), '')
        AND identity_conflict = (NEW.identity_conflict <> 0) AND vouched = (NEW.vouched_by <> '');
END;

INSERT INTO declaration_tallies (academic_year, university_id, received_on, status, reason,
    identity_conflict, vouched, declarations)
SELECT academic_year, university_id, substr(received_at, 1, 10), status,
    COALESCE(json_extract(refusal_reason, '$.reason'), ''), identity_conflict <> 0,
    vouched_by <> '', COUNT(*)
FROM declarations
GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- The references named by the audit entries written so far.
INSERT OR IGNORE INTO audit_references (reference, audit_id)
SELECT DISTINCT j.value, a.id
FROM audit_log a, json_tree(a.detail) j
WHERE j.type = 'text' AND j.value LIKE 'AMOE-%';
