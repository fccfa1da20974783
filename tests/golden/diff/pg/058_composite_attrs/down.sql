-- migrate:down

ALTER TYPE public.addr DROP ATTRIBUTE country;
ALTER TYPE public.addr ADD ATTRIBUTE city text;
ALTER TYPE public.addr ALTER ATTRIBUTE zip TYPE integer;
