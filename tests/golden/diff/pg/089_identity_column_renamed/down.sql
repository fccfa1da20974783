-- migrate:down

ALTER SEQUENCE public.t_key_seq RENAME TO t_id_seq;

ALTER TABLE public.t RENAME COLUMN key TO id;
