-- migrate:up

ALTER TABLE ONLY public.children DROP CONSTRAINT children_parent_id_fkey;

ALTER TABLE public.children ALTER COLUMN parent_id TYPE bigint USING parent_id::bigint;

ALTER TABLE public.parents ALTER COLUMN id TYPE bigint USING id::bigint;

ALTER TABLE ONLY public.children
    ADD CONSTRAINT children_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.parents(id);

