-- migrate:down

ALTER TYPE public.point3 DROP ATTRIBUTE z;
