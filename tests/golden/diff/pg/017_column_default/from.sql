CREATE TABLE public.t (
    id integer PRIMARY KEY,
    status text DEFAULT 'new',
    created date,
    score integer DEFAULT 10,
    n bigint
);
