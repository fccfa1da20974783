CREATE SCHEMA app;
CREATE TYPE app.k AS ENUM ('a', 'b');
CREATE DOMAIN app.d AS integer CHECK (VALUE > 0);
CREATE SEQUENCE app.s;
CREATE TABLE app.t (id integer PRIMARY KEY DEFAULT nextval('app.s'), k app.k, d app.d);
CREATE FUNCTION app.f(x app.t) RETURNS integer LANGUAGE sql RETURN x.id;
CREATE VIEW app.v AS SELECT id, k FROM app.t;
