CREATE TABLE public.parents (id integer PRIMARY KEY, code text UNIQUE);
CREATE TABLE public.children (
    id integer PRIMARY KEY,
    parent_id integer CONSTRAINT children_parent_fk REFERENCES public.parents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    parent_code text,
    other_id integer CONSTRAINT children_other_fk REFERENCES public.children (id) ON DELETE SET NULL
);
