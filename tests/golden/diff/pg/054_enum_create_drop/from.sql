CREATE TYPE public.old_kind AS ENUM ('x', 'y');
CREATE TABLE public.t (id integer PRIMARY KEY, k public.old_kind);
