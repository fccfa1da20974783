-- migrate:down

ALTER TABLE public.e ALTER COLUMN payload TYPE json USING payload::json;

ALTER TABLE ONLY public.e ALTER COLUMN flag DROP DEFAULT;
ALTER TABLE public.e ALTER COLUMN flag TYPE integer USING flag::integer;
ALTER TABLE ONLY public.e ALTER COLUMN flag SET DEFAULT 1;

ALTER TABLE public.e ALTER COLUMN day TYPE text USING day::text;

ALTER TABLE ONLY public.e ALTER COLUMN n DROP DEFAULT;
ALTER TABLE public.e ALTER COLUMN n TYPE text USING n::text;
ALTER TABLE ONLY public.e ALTER COLUMN n SET DEFAULT '0'::text;
