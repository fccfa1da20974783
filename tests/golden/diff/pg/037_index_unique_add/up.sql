-- migrate:up

-- schemake:destructive adds unique index public.ev_ext_id_key on public.ev (fails on duplicate values)
CREATE UNIQUE INDEX ev_ext_id_key ON public.ev USING btree (ext_id) WHERE (ext_id IS NOT NULL);

