CREATE TABLE public.e (
    id integer PRIMARY KEY,
    n integer DEFAULT 0,
    day date,
    flag boolean DEFAULT true NOT NULL,
    payload jsonb
);
