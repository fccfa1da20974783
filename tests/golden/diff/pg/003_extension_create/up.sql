-- migrate:up

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;

ALTER TABLE public.users ADD COLUMN email public.citext;

-- schemake:destructive adds unique index public.users_email_key on public.users (fails on duplicate values)
CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email);

