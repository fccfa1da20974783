-- migrate:down

CREATE SEQUENCE public.gone_id_seq;

CREATE SEQUENCE public.t_id_seq
    AS integer;

CREATE TABLE public.gone (
    id bigint DEFAULT nextval('public.gone_id_seq'::regclass) NOT NULL,
    CONSTRAINT gone_pkey PRIMARY KEY (id)
);

ALTER TABLE public.t ADD COLUMN id integer DEFAULT nextval('public.t_id_seq'::regclass) NOT NULL;

ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;

ALTER SEQUENCE public.gone_id_seq OWNED BY public.gone.id;
