-- Least privilege for one service's database (ADR 0012). Run by ./platform
-- (and the private stacks of e2e/src/stack) as a superuser, connected to the
-- service's database, after it is created and before it is migrated:
--   psql -v owner=tjc_research_owner -v app=tjc_research_app -d tjc_research -f infra/postgres/roles.sql
--   <owner> owns the schema and every table: migrations run as it, nothing else;
--   <app>   is what the service connects as: read and write its tables, but
--           the audit log only read and appended (no UPDATE, DELETE, TRUNCATE),
--           and no DDL.
-- Idempotent: run it again after each migration (new tables get the grants).
-- Passwords are not set here: locally PostgreSQL trusts loopback; production
-- sets them from its secret store (docs/deploy.md).
\set ON_ERROR_STOP on
SELECT format('CREATE ROLE %I LOGIN', :'owner') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'app') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app') \gexec

SELECT format('ALTER DATABASE %I OWNER TO %I', current_database(), :'owner') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), :'app') \gexec
SELECT format('ALTER SCHEMA public OWNER TO %I', :'owner') \gexec
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Tables, sequences and functions made before (by an earlier superuser deploy) pass to the owner.
SELECT format('ALTER TABLE public.%I OWNER TO %I', tablename, :'owner') FROM pg_tables WHERE schemaname = 'public' AND tableowner <> :'owner' \gexec
SELECT format('ALTER SEQUENCE public.%I OWNER TO %I', sequencename, :'owner') FROM pg_sequences WHERE schemaname = 'public' AND sequenceowner <> :'owner' \gexec
SELECT format('ALTER FUNCTION public.%I() OWNER TO %I', p.proname, :'owner') FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = 'public' AND p.prokind = 'f' AND pg_get_function_identity_arguments(p.oid) = '' AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = :'owner') \gexec

SELECT format('GRANT USAGE ON SCHEMA public TO %I', :'app') \gexec
SELECT format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', :'app') \gexec
SELECT format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', :'app') \gexec
-- The audit log: read and append only.
SELECT format('REVOKE UPDATE, DELETE, TRUNCATE ON public.rt_audit FROM %I', :'app') WHERE to_regclass('public.rt_audit') IS NOT NULL \gexec
-- Tables the owner creates later (a migration) are the app's to read and write too, until this script runs again.
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', :'owner', :'app') \gexec
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %I', :'owner', :'app') \gexec
