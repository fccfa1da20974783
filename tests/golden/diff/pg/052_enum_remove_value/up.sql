-- migrate:up

ALTER TABLE ONLY public.tasks DROP CONSTRAINT tasks_not_void;

DROP INDEX public.tasks_open;

-- schemake:destructive removes value 'void' from enum public.status
ALTER TABLE ONLY public.tasks ALTER COLUMN status DROP DEFAULT;
ALTER TABLE ONLY public.tasks ALTER COLUMN past DROP DEFAULT;
ALTER TABLE public.tasks ALTER COLUMN status TYPE text USING status::text;
ALTER TABLE public.tasks ALTER COLUMN past TYPE text USING past::text;
DROP TYPE public.status;
CREATE TYPE public.status AS ENUM (
    'new',
    'doing',
    'done'
);
ALTER TABLE public.tasks ALTER COLUMN status TYPE public.status USING status::public.status;
ALTER TABLE public.tasks ALTER COLUMN past TYPE public.status[] USING past::public.status[];
ALTER TABLE ONLY public.tasks ALTER COLUMN status SET DEFAULT 'new'::public.status;
ALTER TABLE ONLY public.tasks ALTER COLUMN past SET DEFAULT ARRAY['new'::public.status];
COMMENT ON TYPE public.status IS 'task status';

CREATE INDEX tasks_open ON public.tasks USING btree (id) WHERE (status <> 'done'::public.status);

