-- migrate:down

DROP VIEW public.user_names;

ALTER TABLE public.members RENAME CONSTRAINT members_pkey TO users_pkey;

ALTER TABLE public.members RENAME TO users;

CREATE VIEW public.user_names AS
 SELECT users.name
   FROM public.users;
