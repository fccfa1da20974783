CREATE TABLE public.persons (id integer PRIMARY KEY, first_name text, lname text);
CREATE INDEX people_lname_idx ON public.persons (lname);
