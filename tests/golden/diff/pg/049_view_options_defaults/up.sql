-- migrate:up

CREATE OR REPLACE VIEW public.editable WITH (security_barrier=true, check_option=local) AS
 SELECT p.id,
    p.name,
    p.price
   FROM public.p
  WHERE (p.price > (0)::numeric);
ALTER VIEW public.editable ALTER COLUMN name SET DEFAULT 'unnamed'::text;
ALTER VIEW public.editable ALTER COLUMN price DROP DEFAULT;

COMMENT ON COLUMN public.editable.name IS 'shown';

