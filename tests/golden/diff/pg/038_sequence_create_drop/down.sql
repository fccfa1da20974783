-- migrate:down

CREATE SEQUENCE public.old_numbers
    START WITH 5;
COMMENT ON SEQUENCE public.old_numbers IS 'not used any more';

DROP SEQUENCE public.invoice_no;
