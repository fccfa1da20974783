-- migrate:up

-- schemake:destructive adds primary key t_pkey on public.t (fails on duplicate or NULL values)
ALTER TABLE ONLY public.t
    ADD CONSTRAINT t_pkey PRIMARY KEY (id);

