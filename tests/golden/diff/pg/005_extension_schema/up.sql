-- migrate:up

ALTER EXTENSION pg_trgm SET SCHEMA ext;

