-- migrate:up

CREATE OR REPLACE VIEW public.cheap AS
 SELECT p.id,
    p.name,
    p.price
   FROM public.p
  WHERE (p.price < (10)::numeric);

COMMENT ON COLUMN public.cheap.price IS 'net';

