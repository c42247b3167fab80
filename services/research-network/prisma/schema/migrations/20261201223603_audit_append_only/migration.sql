-- The audit log is append-only in the database itself, whoever connects:
-- UPDATE, DELETE and TRUNCATE of rt_audit are refused by triggers (the
-- service's own role also has no UPDATE/DELETE/TRUNCATE privilege on it:
-- infra/postgres/roles.sql). Only a superuser or the table's owner can
-- disable a trigger; what they change is found by /admin/audit/verify
-- against the signed checkpoints kept outside this database (ADR 0012).
CREATE FUNCTION rt_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rt_audit is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER rt_audit_no_update_or_delete BEFORE UPDATE OR DELETE ON rt_audit FOR EACH ROW EXECUTE FUNCTION rt_audit_append_only();
CREATE TRIGGER rt_audit_no_truncate BEFORE TRUNCATE ON rt_audit FOR EACH STATEMENT EXECUTE FUNCTION rt_audit_append_only();
