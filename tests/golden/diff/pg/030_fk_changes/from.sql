CREATE TABLE public.parents (id integer PRIMARY KEY, code text UNIQUE);
CREATE TABLE public.children (
    id integer PRIMARY KEY,
    parent_id integer CONSTRAINT children_parent_fk REFERENCES public.parents (id),
    parent_code text CONSTRAINT children_code_fk REFERENCES public.parents (code),
    other_id integer
);
