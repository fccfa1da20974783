CREATE TABLE public.p (
    id integer PRIMARY KEY,
    email text NOT NULL,
    email_lower text GENERATED ALWAYS AS (lower(email)) STORED
);
