-- migrate:up

DROP VIEW public.old_view;

CREATE VIEW public.cheap AS
 SELECT p.id,
    p.name
   FROM public.p
  WHERE (p.price < (10)::numeric);
COMMENT ON VIEW public.cheap IS 'under ten';

CREATE VIEW public.cheap_names AS
 SELECT cheap.name
   FROM public.cheap;

