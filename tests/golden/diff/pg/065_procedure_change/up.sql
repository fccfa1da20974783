-- migrate:up

CREATE OR REPLACE PROCEDURE public.post(IN p_amount numeric)
 LANGUAGE plpgsql
AS $procedure$ BEGIN INSERT INTO public.ledger (amount) VALUES (round(p_amount, 2)); END $procedure$;

CREATE OR REPLACE PROCEDURE public.clear()
 LANGUAGE sql
BEGIN ATOMIC
 DELETE FROM public.ledger;
END;

COMMENT ON PROCEDURE public.post(IN p_amount numeric) IS 'posts an amount';

