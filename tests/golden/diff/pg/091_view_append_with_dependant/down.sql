-- migrate:down

DROP VIEW public.names;

DROP VIEW public.base;

CREATE VIEW public.base AS
 SELECT p.id,
    p.name
   FROM public.p;

CREATE VIEW public.names AS
 SELECT base.name
   FROM public.base;
