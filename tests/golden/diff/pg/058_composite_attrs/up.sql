-- migrate:up

-- schemake:destructive drops attribute city of type public.addr
ALTER TYPE public.addr ALTER ATTRIBUTE zip TYPE bigint;
ALTER TYPE public.addr DROP ATTRIBUTE city;
ALTER TYPE public.addr ADD ATTRIBUTE country text COLLATE "C";

