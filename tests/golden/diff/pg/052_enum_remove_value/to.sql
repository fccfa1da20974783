CREATE TYPE public.status AS ENUM ('new', 'doing', 'done');
CREATE TABLE public.tasks (
    id integer PRIMARY KEY,
    status public.status DEFAULT 'new' NOT NULL,
    past public.status[] DEFAULT ARRAY['new'::public.status]
);
CREATE INDEX tasks_open ON public.tasks (id) WHERE status <> 'done';
COMMENT ON TYPE public.status IS 'task status';
