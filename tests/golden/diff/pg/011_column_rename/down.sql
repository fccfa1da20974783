-- migrate:down

ALTER INDEX public.users_display_name_idx RENAME TO users_fullname_idx;

ALTER TABLE public.users RENAME CONSTRAINT users_display_name_check TO users_fullname_check;

ALTER TABLE public.users RENAME COLUMN display_name TO fullname;
