CREATE FUNCTION public.gen_code() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT md5(random()::text) $$;
CREATE TABLE public.t (id integer PRIMARY KEY, code text DEFAULT public.gen_code());
