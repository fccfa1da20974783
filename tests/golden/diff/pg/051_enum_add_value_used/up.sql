-- migrate:up transaction:false

ALTER TYPE public.status ADD VALUE 'doing' AFTER 'new';

ALTER TABLE ONLY public.tasks ALTER COLUMN status SET DEFAULT 'doing'::public.status;

