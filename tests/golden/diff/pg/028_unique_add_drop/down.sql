-- migrate:down

ALTER TABLE ONLY public.u DROP CONSTRAINT u_email_key;

ALTER TABLE ONLY public.u
    ADD CONSTRAINT u_handle_key UNIQUE (handle);
