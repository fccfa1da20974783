-- migrate:down

DROP INDEX public.tasks_open;

ALTER TABLE ONLY public.tasks ALTER COLUMN status DROP DEFAULT;
ALTER TABLE ONLY public.tasks ALTER COLUMN past DROP DEFAULT;
ALTER TABLE public.tasks ALTER COLUMN status TYPE text USING status::text;
ALTER TABLE public.tasks ALTER COLUMN past TYPE text USING past::text;
DROP TYPE public.status;
CREATE TYPE public.status AS ENUM (
    'new',
    'doing',
    'done',
    'void'
);
ALTER TABLE public.tasks ALTER COLUMN status TYPE public.status USING status::public.status;
ALTER TABLE public.tasks ALTER COLUMN past TYPE public.status[] USING past::public.status[];
ALTER TABLE ONLY public.tasks ALTER COLUMN status SET DEFAULT 'new'::public.status;
ALTER TABLE ONLY public.tasks ALTER COLUMN past SET DEFAULT ARRAY['new'::public.status];
COMMENT ON TYPE public.status IS 'task status';

CREATE INDEX tasks_open ON public.tasks USING btree (id) WHERE (status <> 'done'::public.status);

ALTER TABLE ONLY public.tasks
    ADD CONSTRAINT tasks_not_void CHECK ((status <> 'void'::public.status));
