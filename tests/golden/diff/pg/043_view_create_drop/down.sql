-- migrate:down

DROP VIEW public.cheap_names;

DROP VIEW public.cheap;

CREATE VIEW public.old_view AS
 SELECT p.id
   FROM public.p;
