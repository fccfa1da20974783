-- migrate:up

ALTER TABLE public.c ALTER COLUMN a TYPE text COLLATE "C";

ALTER TABLE public.c ALTER COLUMN b TYPE text COLLATE "default";

ALTER TABLE public.c ALTER COLUMN c TYPE text COLLATE "POSIX";

