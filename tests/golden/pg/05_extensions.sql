-- Extensions (trusted ones, so that a database owner can load the dump):
-- their objects (types, functions, operators, operator classes) are theirs
-- and not dumped, but what uses them is.
CREATE SCHEMA ext;
CREATE EXTENSION citext;
CREATE EXTENSION pg_trgm WITH SCHEMA ext;
CREATE EXTENSION btree_gist;
COMMENT ON EXTENSION citext IS 'case-insensitive text, for e-mail addresses';

CREATE TABLE public.users (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email public.citext NOT NULL UNIQUE,
    name text NOT NULL,
    active_during tstzrange NOT NULL DEFAULT tstzrange(now(), NULL),
    room integer NOT NULL DEFAULT 1,
    -- btree_gist: an integer in an exclusion constraint
    EXCLUDE USING gist (room WITH =, active_during WITH &&)
);
CREATE INDEX users_name_trgm ON public.users USING gin (name ext.gin_trgm_ops);
CREATE INDEX users_email_trgm ON public.users USING gist (email ext.gist_trgm_ops(siglen = 32));

CREATE FUNCTION public.similar_users(q text) RETURNS SETOF public.users
    LANGUAGE sql STABLE
    BEGIN ATOMIC
        SELECT * FROM public.users WHERE ext.similarity(name, q) > 0.3;
    END;

CREATE DOMAIN public.email AS public.citext CHECK (VALUE ~ '@');
CREATE TABLE public.contacts (
    email public.email PRIMARY KEY,
    aliases public.citext[]
);
