-- migrate:down

DROP VIEW public.v2;

DROP VIEW public.v1;

CREATE VIEW public.v1 AS
 SELECT p.id,
    p.name,
    p.price
   FROM public.p;

CREATE VIEW public.v2 AS
 SELECT v1.id,
    v1.name
   FROM public.v1;
