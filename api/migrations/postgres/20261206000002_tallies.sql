-- PostgreSQL's trigger keeping declaration_tallies exact (see
-- 20261206000001_volume.sql), and their first filling. Creating the
-- trigger locks the declarations against writes until this transaction
-- ends, so the filling counts exactly what the trigger will not.
CREATE FUNCTION declaration_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (OLD.academic_year, OLD.university_id,
            substr(OLD.received_at, 1, 10), OLD.status, OLD.refusal_reason,
            OLD.identity_conflict <> 0, OLD.vouched_by <> '')
        IS NOT DISTINCT FROM (NEW.academic_year, NEW.university_id,
            substr(NEW.received_at, 1, 10), NEW.status, NEW.refusal_reason,
            NEW.identity_conflict <> 0, NEW.vouched_by <> '') THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE declaration_tallies SET declarations = declarations - 1
        WHERE academic_year = OLD.academic_year AND university_id = OLD.university_id
            AND received_on = substr(OLD.received_at, 1, 10) AND status = OLD.status
            AND reason = COALESCE(OLD.refusal_reason::json ->> 'reason', '')
            AND identity_conflict = (OLD.identity_conflict <> 0)::int
            AND vouched = (OLD.vouched_by <> '')::int;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO declaration_tallies (academic_year, university_id, received_on, status,
            reason, identity_conflict, vouched, declarations)
        VALUES (NEW.academic_year, NEW.university_id, substr(NEW.received_at, 1, 10),
            NEW.status, COALESCE(NEW.refusal_reason::json ->> 'reason', ''),
            (NEW.identity_conflict <> 0)::int, (NEW.vouched_by <> '')::int, 1)
        ON CONFLICT (academic_year, university_id, received_on, status, reason,
            identity_conflict, vouched)
        DO UPDATE SET declarations = declaration_tallies.declarations + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER declarations_tally AFTER INSERT OR UPDATE OR DELETE ON declarations
FOR EACH ROW EXECUTE FUNCTION declaration_tally();

INSERT INTO declaration_tallies (academic_year, university_id, received_on, status, reason,
    identity_conflict, vouched, declarations)
SELECT academic_year, university_id, substr(received_at, 1, 10), status,
    COALESCE(refusal_reason::json ->> 'reason', ''), (identity_conflict <> 0)::int,
    (vouched_by <> '')::int, COUNT(*)
FROM declarations
GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- The references named by the audit entries written so far.
INSERT INTO audit_references (reference, audit_id)
SELECT DISTINCT v #>> '{}', a.id
FROM audit_log a, jsonb_path_query(a.detail::jsonb, 'strict $.**') v
WHERE jsonb_typeof(v) = 'string' AND v #>> '{}' LIKE 'AMOE-%'
ON CONFLICT DO NOTHING;
