CREATE TABLE public.people (id integer PRIMARY KEY, fname text, lname text);
CREATE INDEX people_lname_idx ON public.people (lname);
