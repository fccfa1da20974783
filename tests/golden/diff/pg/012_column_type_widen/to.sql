CREATE TABLE public.m (
    id bigint PRIMARY KEY,
    qty integer DEFAULT 0,
    code character varying(20),
    amount numeric(12,2),
    ratio double precision,
    at timestamp(3) without time zone
);
CREATE INDEX m_code_idx ON public.m (code);
