-- migrate:up

CREATE OR REPLACE VIEW public.cheap AS
 SELECT p.id,
    p.name
   FROM public.p
  WHERE (p.price < (20)::numeric);

