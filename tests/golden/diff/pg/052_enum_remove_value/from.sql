CREATE TYPE public.status AS ENUM ('new', 'doing', 'done', 'void');
CREATE TABLE public.tasks (
    id integer PRIMARY KEY,
    status public.status DEFAULT 'new' NOT NULL,
    past public.status[] DEFAULT ARRAY['new'::public.status],
    CONSTRAINT tasks_not_void CHECK (status <> 'void')
);
CREATE INDEX tasks_open ON public.tasks (id) WHERE status <> 'done';
COMMENT ON TYPE public.status IS 'task status';
