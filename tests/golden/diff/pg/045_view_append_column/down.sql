-- migrate:down

COMMENT ON COLUMN public.cheap.price IS NULL;

DROP VIEW public.cheap;
CREATE VIEW public.cheap AS
 SELECT p.id,
    p.name
   FROM public.p
  WHERE (p.price < (10)::numeric);
COMMENT ON VIEW public.cheap IS 'under ten';
