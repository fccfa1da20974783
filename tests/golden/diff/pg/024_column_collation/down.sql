-- migrate:down

ALTER TABLE public.c ALTER COLUMN c TYPE character varying(10);

ALTER TABLE public.c ALTER COLUMN b TYPE text COLLATE "C";

ALTER TABLE public.c ALTER COLUMN a TYPE text COLLATE "default";
