-- migrate:up

ALTER TABLE public.t RENAME COLUMN id TO key;

ALTER SEQUENCE public.t_id_seq RENAME TO t_key_seq;

