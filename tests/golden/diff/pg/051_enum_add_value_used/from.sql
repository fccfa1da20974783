CREATE TYPE public.status AS ENUM ('new', 'done');
CREATE TABLE public.tasks (id integer PRIMARY KEY, status public.status DEFAULT 'new' NOT NULL);
