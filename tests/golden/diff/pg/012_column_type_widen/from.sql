CREATE TABLE public.m (
    id integer PRIMARY KEY,
    qty smallint DEFAULT 0,
    code character varying(10),
    amount numeric(10,2),
    ratio real,
    at timestamp(0) without time zone
);
CREATE INDEX m_code_idx ON public.m (code);
