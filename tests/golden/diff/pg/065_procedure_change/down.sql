-- migrate:down

COMMENT ON PROCEDURE public.post(IN p_amount numeric) IS NULL;

DROP PROCEDURE public.clear();

CREATE OR REPLACE PROCEDURE public.post(IN p_amount numeric)
 LANGUAGE plpgsql
AS $procedure$ BEGIN INSERT INTO public.ledger (amount) VALUES (p_amount); END $procedure$;
