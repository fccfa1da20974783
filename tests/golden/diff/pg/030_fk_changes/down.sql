-- migrate:down

ALTER TABLE ONLY public.children DROP CONSTRAINT children_parent_fk;

ALTER TABLE ONLY public.children DROP CONSTRAINT children_other_fk;

ALTER TABLE ONLY public.children
    ADD CONSTRAINT children_code_fk FOREIGN KEY (parent_code) REFERENCES public.parents(code);

ALTER TABLE ONLY public.children
    ADD CONSTRAINT children_parent_fk FOREIGN KEY (parent_id) REFERENCES public.parents(id);
