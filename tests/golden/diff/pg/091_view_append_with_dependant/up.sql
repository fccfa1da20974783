-- migrate:up

DROP VIEW public.names;

DROP VIEW public.base;

CREATE VIEW public.base AS
 SELECT p.id,
    p.name,
    p.price
   FROM public.p;

CREATE VIEW public.names AS
 SELECT base.name
   FROM public.base;

