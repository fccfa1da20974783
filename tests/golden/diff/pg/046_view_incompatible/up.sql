-- migrate:up

DROP VIEW public.v2;

DROP VIEW public.v1;

CREATE VIEW public.v1 AS
 SELECT p.id,
    upper(p.name) AS name_upper,
    p.price
   FROM public.p;

CREATE VIEW public.v2 AS
 SELECT v1.id,
    v1.name_upper
   FROM public.v1;

