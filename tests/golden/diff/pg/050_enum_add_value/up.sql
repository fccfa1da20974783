-- migrate:up

DROP VIEW public.happy_people;

ALTER TYPE public.mood ADD VALUE 'awful' BEFORE 'sad';
ALTER TYPE public.mood ADD VALUE 'meh' AFTER 'sad';
ALTER TYPE public.mood ADD VALUE 'ecstatic' AFTER 'happy';

CREATE VIEW public.happy_people AS
 SELECT people.id
   FROM public.people
  WHERE (people.mood = 'happy'::public.mood);

