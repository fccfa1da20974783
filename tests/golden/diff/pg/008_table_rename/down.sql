-- migrate:down

ALTER SEQUENCE public.members_serial_no_seq RENAME TO users_serial_no_seq;

ALTER INDEX public.members_email_lower_idx RENAME TO users_email_lower_idx;

ALTER TABLE public.members RENAME CONSTRAINT members_pkey TO users_pkey;

ALTER TABLE public.members RENAME CONSTRAINT members_email_key TO users_email_key;

ALTER SEQUENCE public.members_id_seq RENAME TO users_id_seq;

ALTER TABLE public.members RENAME TO users;
