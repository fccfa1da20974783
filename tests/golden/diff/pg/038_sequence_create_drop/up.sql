-- migrate:up

CREATE SEQUENCE public.invoice_no
    AS integer
    INCREMENT BY 10
    MINVALUE 1000
    MAXVALUE 999990
    CACHE 5
    CYCLE;
COMMENT ON SEQUENCE public.invoice_no IS 'invoice numbers';

-- schemake:destructive drops sequence public.old_numbers
DROP SEQUENCE public.old_numbers;

