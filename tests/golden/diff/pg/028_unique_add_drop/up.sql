-- migrate:up

ALTER TABLE ONLY public.u DROP CONSTRAINT u_handle_key;

-- schemake:destructive adds unique constraint u_email_key on public.u (fails on duplicate values)
ALTER TABLE ONLY public.u
    ADD CONSTRAINT u_email_key UNIQUE NULLS NOT DISTINCT (email);

