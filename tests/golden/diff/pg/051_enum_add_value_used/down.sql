-- migrate:down transaction:false

ALTER TABLE ONLY public.tasks ALTER COLUMN status SET DEFAULT 'new'::public.status;

ALTER TABLE ONLY public.tasks ALTER COLUMN status DROP DEFAULT;
ALTER TABLE public.tasks ALTER COLUMN status TYPE text USING status::text;
DROP TYPE public.status;
CREATE TYPE public.status AS ENUM (
    'new',
    'done'
);
ALTER TABLE public.tasks ALTER COLUMN status TYPE public.status USING status::public.status;
ALTER TABLE ONLY public.tasks ALTER COLUMN status SET DEFAULT 'new'::public.status;
