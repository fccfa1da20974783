-- migrate:up

CREATE DOMAIN public.email AS text COLLATE "C"
    CONSTRAINT email_at CHECK ((VALUE ~~ '%@%'::text));

ALTER TABLE public.t ADD COLUMN email public.email;

DROP DOMAIN public.old_d;

