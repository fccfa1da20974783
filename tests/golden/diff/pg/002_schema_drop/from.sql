CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'the application';
CREATE TABLE app.items (id integer PRIMARY KEY, name text);
CREATE TABLE public.t (id integer PRIMARY KEY);
