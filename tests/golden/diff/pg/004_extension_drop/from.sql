CREATE SCHEMA ext;
CREATE EXTENSION pg_trgm WITH SCHEMA ext;
COMMENT ON EXTENSION pg_trgm IS 'for fuzzy search';
CREATE TABLE public.docs (id integer PRIMARY KEY, body text);
CREATE INDEX docs_body_trgm ON public.docs USING gin (body ext.gin_trgm_ops);
