-- migrate:up

DROP VIEW public.user_names;

ALTER TABLE public.users RENAME TO members;

ALTER TABLE public.members RENAME CONSTRAINT users_pkey TO members_pkey;

CREATE VIEW public.user_names AS
 SELECT members.name
   FROM public.members;

