CREATE TYPE public.status AS ENUM ('new', 'doing', 'done');
CREATE TABLE public.tasks (id integer PRIMARY KEY, status public.status DEFAULT 'doing' NOT NULL);
