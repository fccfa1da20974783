-- migrate:up

DROP INDEX public.ev_kind_idx;

-- schemake:destructive adds primary key ev_pkey on public.ev (fails on duplicate or NULL values)
ALTER TABLE public.ev
    ADD CONSTRAINT ev_pkey PRIMARY KEY (id, at);

CREATE INDEX ev_kind_at_idx ON public.ev USING btree (kind, at);

CREATE INDEX ev_2024_id_idx ON public.ev_2024 USING btree (id);

