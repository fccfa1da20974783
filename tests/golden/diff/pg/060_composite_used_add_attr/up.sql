-- migrate:up

ALTER TYPE public.point3 ADD ATTRIBUTE z double precision;

