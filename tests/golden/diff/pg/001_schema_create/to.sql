CREATE TABLE public.t (id integer PRIMARY KEY);
CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'the application';
CREATE TABLE app.items (id integer PRIMARY KEY, t_id integer REFERENCES public.t (id));
