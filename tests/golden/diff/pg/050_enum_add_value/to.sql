CREATE TYPE public.mood AS ENUM ('awful', 'sad', 'meh', 'ok', 'happy', 'ecstatic');
CREATE TABLE public.people (id integer PRIMARY KEY, mood public.mood DEFAULT 'ok' NOT NULL, history public.mood[]);
CREATE VIEW public.happy_people AS SELECT id FROM public.people WHERE mood = 'happy';
