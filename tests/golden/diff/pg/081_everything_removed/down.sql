-- migrate:down

CREATE SCHEMA app;

CREATE DOMAIN app.d AS integer
    CONSTRAINT d_check CHECK ((VALUE > 0));

CREATE TYPE app.k AS ENUM (
    'a',
    'b'
);

CREATE SEQUENCE app.s;

CREATE TABLE app.t (
    id integer DEFAULT nextval('app.s'::regclass) NOT NULL,
    k app.k,
    d app.d,
    CONSTRAINT t_pkey PRIMARY KEY (id)
);

CREATE OR REPLACE FUNCTION app.f(x app.t)
 RETURNS integer
 LANGUAGE sql
RETURN (x).id;

DROP TABLE public.keep;

CREATE VIEW app.v AS
 SELECT t.id,
    t.k
   FROM app.t;
