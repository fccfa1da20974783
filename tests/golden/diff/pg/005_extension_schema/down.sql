-- migrate:down

ALTER EXTENSION pg_trgm SET SCHEMA public;
