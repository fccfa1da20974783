-- migrate:up

ALTER TABLE public.users RENAME COLUMN fullname TO display_name;

ALTER TABLE public.users RENAME CONSTRAINT users_fullname_check TO users_display_name_check;

ALTER INDEX public.users_fullname_idx RENAME TO users_display_name_idx;

