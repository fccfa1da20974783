-- migrate:down

DROP INDEX public.users_email_key;

ALTER TABLE public.users DROP COLUMN email;

DROP EXTENSION citext;
