-- callcart: database and per-service schemas.
--
-- docker-compose mounts this into /docker-entrypoint-initdb.d (run once, on an empty data
-- volume, by psql as the superuser). Operators can run it by hand too:
--   psql -h HOST -U postgres -d postgres -f infra/postgres/init.sql
-- It is idempotent. The services create their own schema at start as well (migrations); this
-- file is for operators who want the schemas there beforehand, e.g. to grant per-schema roles.
\set ON_ERROR_STOP on

-- The database (compose's POSTGRES_DB=callcart has usually made it already).
SELECT 'CREATE DATABASE callcart'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'callcart')
\gexec

\connect callcart

-- One schema per service that owns data.
CREATE SCHEMA IF NOT EXISTS catalogue;
CREATE SCHEMA IF NOT EXISTS orders;
CREATE SCHEMA IF NOT EXISTS gateway;

-- Per-service roles, if wanted (then give each service its own DATABASE_URL):
--   CREATE ROLE orders LOGIN PASSWORD '...';
--   ALTER SCHEMA orders OWNER TO orders;
--   REVOKE ALL ON SCHEMA orders FROM PUBLIC;
--   GRANT CONNECT ON DATABASE callcart TO orders;
-- and the same for catalogue and gateway.
