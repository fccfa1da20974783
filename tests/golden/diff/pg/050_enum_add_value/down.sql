-- migrate:down

DROP VIEW public.happy_people;

ALTER TABLE ONLY public.people ALTER COLUMN mood DROP DEFAULT;
ALTER TABLE public.people ALTER COLUMN mood TYPE text USING mood::text;
ALTER TABLE public.people ALTER COLUMN history TYPE text USING history::text;
DROP TYPE public.mood;
CREATE TYPE public.mood AS ENUM (
    'sad',
    'ok',
    'happy'
);
ALTER TABLE public.people ALTER COLUMN mood TYPE public.mood USING mood::public.mood;
ALTER TABLE public.people ALTER COLUMN history TYPE public.mood[] USING history::public.mood[];
ALTER TABLE ONLY public.people ALTER COLUMN mood SET DEFAULT 'ok'::public.mood;

CREATE VIEW public.happy_people AS
 SELECT people.id
   FROM public.people
  WHERE (people.mood = 'happy'::public.mood);
