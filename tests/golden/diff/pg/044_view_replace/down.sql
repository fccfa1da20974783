-- migrate:down

CREATE OR REPLACE VIEW public.cheap AS
 SELECT p.id,
    p.name
   FROM public.p
  WHERE (p.price < (10)::numeric);
