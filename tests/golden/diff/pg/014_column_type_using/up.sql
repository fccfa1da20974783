-- migrate:up

-- schemake:destructive changes the type of column public.e.n from text to integer, which may fail or lose data
ALTER TABLE ONLY public.e ALTER COLUMN n DROP DEFAULT;
ALTER TABLE public.e ALTER COLUMN n TYPE integer USING n::integer;
ALTER TABLE ONLY public.e ALTER COLUMN n SET DEFAULT 0;

-- schemake:destructive changes the type of column public.e.day from text to date, which may fail or lose data
ALTER TABLE public.e ALTER COLUMN day TYPE date USING day::date;

-- schemake:destructive changes the type of column public.e.flag from integer to boolean, which may fail or lose data
ALTER TABLE ONLY public.e ALTER COLUMN flag DROP DEFAULT;
ALTER TABLE public.e ALTER COLUMN flag TYPE boolean USING flag::boolean;
ALTER TABLE ONLY public.e ALTER COLUMN flag SET DEFAULT true;

-- schemake:destructive changes the type of column public.e.payload from json to jsonb, which may fail or lose data
ALTER TABLE public.e ALTER COLUMN payload TYPE jsonb USING payload::jsonb;

