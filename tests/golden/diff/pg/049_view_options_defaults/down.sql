-- migrate:down

COMMENT ON COLUMN public.editable.name IS NULL;

ALTER VIEW public.editable ALTER COLUMN price SET DEFAULT 1;
ALTER VIEW public.editable ALTER COLUMN name DROP DEFAULT;
CREATE OR REPLACE VIEW public.editable AS
 SELECT p.id,
    p.name,
    p.price
   FROM public.p
  WHERE (p.price > (0)::numeric);
