-- migrate:up

CREATE SEQUENCE public.t_big_seq;

CREATE SEQUENCE public.t_id_seq
    AS integer;

ALTER TABLE public.t ADD COLUMN id integer DEFAULT nextval('public.t_id_seq'::regclass) NOT NULL;

ALTER TABLE public.t ADD COLUMN big bigint DEFAULT nextval('public.t_big_seq'::regclass) NOT NULL;

ALTER SEQUENCE public.t_big_seq OWNED BY public.t.big;

ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;

