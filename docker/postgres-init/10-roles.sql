-- The database roles of the production layout (docker-compose.yml). PostgreSQL's entrypoint runs
-- this once, when the data volume is new, as the superuser, connected to POSTGRES_DB; the names
-- and passwords come from the container's environment. Neither role is a superuser or may create
-- databases or roles:
--   the app (backend, worker, migrations) owns the intake database and may only read and delete
--     rows of Rasa's tracker tables (retention, erasure and subject access of the transcripts);
--   Rasa owns its tracker database and cannot connect to the intake database.
-- The superuser (POSTGRES_USER) is for administration and backups only.
\set ON_ERROR_STOP on
\getenv app_db POSTGRES_DB
\getenv app_role INTAKE_DB_USER
\getenv app_password INTAKE_DB_PASSWORD
\getenv rasa_db RASA_TRACKER_DB
\getenv rasa_role RASA_DB_USER
\getenv rasa_password RASA_DB_PASSWORD

CREATE ROLE :"app_role" LOGIN PASSWORD :'app_password'
  NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE ROLE :"rasa_role" LOGIN PASSWORD :'rasa_password'
  NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;

-- As the owner of the database the app owns its public schema (PostgreSQL 15: pg_database_owner),
-- so the migrations can create the tables; nobody else may connect.
ALTER DATABASE :"app_db" OWNER TO :"app_role";
REVOKE ALL ON DATABASE :"app_db" FROM PUBLIC;

CREATE DATABASE :"rasa_db" OWNER :"rasa_role";
REVOKE ALL ON DATABASE :"rasa_db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"rasa_db" TO :"app_role";

\connect :rasa_db
-- Rasa creates its tables when it first starts; the app may read and delete their rows, no more.
ALTER DEFAULT PRIVILEGES FOR ROLE :"rasa_role" IN SCHEMA public GRANT SELECT, DELETE ON TABLES TO :"app_role";
