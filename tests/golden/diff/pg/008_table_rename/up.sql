-- migrate:up

ALTER TABLE public.users RENAME TO members;

ALTER SEQUENCE public.users_id_seq RENAME TO members_id_seq;

ALTER TABLE public.members RENAME CONSTRAINT users_email_key TO members_email_key;

ALTER TABLE public.members RENAME CONSTRAINT users_pkey TO members_pkey;

ALTER INDEX public.users_email_lower_idx RENAME TO members_email_lower_idx;

ALTER SEQUENCE public.users_serial_no_seq RENAME TO members_serial_no_seq;

