-- migrate:up

DROP INDEX public.docs_body_trgm;

-- schemake:destructive drops extension pg_trgm
DROP EXTENSION pg_trgm;

