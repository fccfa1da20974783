-- migrate:up

ALTER TABLE ONLY public.children DROP CONSTRAINT children_parent_fk;

ALTER TABLE ONLY public.children DROP CONSTRAINT children_code_fk;

ALTER TABLE ONLY public.children
    ADD CONSTRAINT children_other_fk FOREIGN KEY (other_id) REFERENCES public.children(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.children
    ADD CONSTRAINT children_parent_fk FOREIGN KEY (parent_id) REFERENCES public.parents(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;

