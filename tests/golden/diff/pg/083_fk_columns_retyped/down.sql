-- migrate:down

ALTER TABLE ONLY public.children DROP CONSTRAINT children_parent_id_fkey;

ALTER TABLE public.parents ALTER COLUMN id TYPE integer USING id::integer;

ALTER TABLE public.children ALTER COLUMN parent_id TYPE integer USING parent_id::integer;

ALTER TABLE ONLY public.children
    ADD CONSTRAINT children_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.parents(id);
