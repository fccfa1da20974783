-- migrate:down

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA ext;
COMMENT ON EXTENSION pg_trgm IS 'for fuzzy search';

CREATE INDEX docs_body_trgm ON public.docs USING gin (body ext.gin_trgm_ops);
