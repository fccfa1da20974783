CREATE SEQUENCE public.old_numbers START WITH 5;
COMMENT ON SEQUENCE public.old_numbers IS 'not used any more';
