-- migrate:up

ALTER TABLE public.people RENAME TO persons;

ALTER TABLE public.persons RENAME COLUMN fname TO first_name;

ALTER TABLE public.persons RENAME CONSTRAINT people_pkey TO persons_pkey;

