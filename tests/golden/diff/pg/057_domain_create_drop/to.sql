CREATE DOMAIN public.email AS text COLLATE "C" CONSTRAINT email_at CHECK (VALUE LIKE '%@%');
CREATE TABLE public.t (id integer PRIMARY KEY, email public.email);
