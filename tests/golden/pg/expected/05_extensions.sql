CREATE SCHEMA ext;

CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA ext;

CREATE DOMAIN public.email AS public.citext
    CONSTRAINT email_check CHECK ((VALUE OPERATOR(public.~) '@'::public.citext));

CREATE TABLE public.contacts (
    email public.email NOT NULL,
    aliases public.citext[],
    CONSTRAINT contacts_pkey PRIMARY KEY (email)
);

CREATE TABLE public.users (
    id integer GENERATED ALWAYS AS IDENTITY NOT NULL,
    email public.citext NOT NULL,
    name text NOT NULL,
    active_during tstzrange DEFAULT tstzrange(now(), NULL::timestamp with time zone) NOT NULL,
    room integer DEFAULT 1 NOT NULL,
    CONSTRAINT users_pkey PRIMARY KEY (id)
);

CREATE OR REPLACE FUNCTION public.similar_users(q text)
 RETURNS SETOF public.users
 LANGUAGE sql
 STABLE
BEGIN ATOMIC
 SELECT users.id,
     users.email,
     users.name,
     users.active_during,
     users.room
    FROM public.users
   WHERE (ext.similarity(users.name, similar_users.q) > (0.3)::double precision);
END;

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_email_key UNIQUE (email);

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_room_active_during_excl EXCLUDE USING gist (room WITH =, active_during WITH &&);

CREATE INDEX users_email_trgm ON public.users USING gist (email ext.gist_trgm_ops (siglen='32'));

CREATE INDEX users_name_trgm ON public.users USING gin (name ext.gin_trgm_ops);

COMMENT ON EXTENSION citext IS 'case-insensitive text, for e-mail addresses';
