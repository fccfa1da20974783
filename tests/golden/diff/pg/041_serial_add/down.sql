-- migrate:down

ALTER SEQUENCE public.t_id_seq OWNED BY NONE;

ALTER SEQUENCE public.t_big_seq OWNED BY NONE;

ALTER TABLE public.t DROP COLUMN big;

ALTER TABLE public.t DROP COLUMN id;

DROP SEQUENCE public.t_id_seq;

DROP SEQUENCE public.t_big_seq;
