-- migrate:down

ALTER TABLE public.persons RENAME CONSTRAINT persons_pkey TO people_pkey;

ALTER TABLE public.persons RENAME COLUMN first_name TO fname;

ALTER TABLE public.persons RENAME TO people;
