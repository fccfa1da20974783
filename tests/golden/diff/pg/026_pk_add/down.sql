-- migrate:down

ALTER TABLE ONLY public.t DROP CONSTRAINT t_pkey;
