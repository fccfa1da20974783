-- migrate:down

CREATE DOMAIN public.old_d AS text;

ALTER TABLE public.t DROP COLUMN email;

DROP DOMAIN public.email;
