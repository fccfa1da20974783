CREATE SEQUENCE public.t_n_seq;
CREATE TABLE public.t (
    id integer PRIMARY KEY,
    status text DEFAULT 'open',
    created date DEFAULT CURRENT_DATE,
    score integer,
    n bigint DEFAULT nextval('public.t_n_seq')
);
