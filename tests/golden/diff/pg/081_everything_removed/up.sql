-- migrate:up

DROP VIEW app.v;

CREATE TABLE public.keep (
    id integer
);

DROP FUNCTION app.f(x app.t);

-- schemake:destructive drops table app.t
DROP TABLE app.t;

-- schemake:destructive drops sequence app.s
DROP SEQUENCE app.s;

DROP TYPE app.k;

DROP DOMAIN app.d;

DROP SCHEMA app;

