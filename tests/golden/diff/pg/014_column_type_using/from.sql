CREATE TABLE public.e (
    id integer PRIMARY KEY,
    n text DEFAULT '0',
    day text,
    flag integer DEFAULT 1 NOT NULL,
    payload json
);
