CREATE TABLE public.ledger (id integer GENERATED ALWAYS AS IDENTITY, amount numeric);
CREATE PROCEDURE public.post(IN p_amount numeric) LANGUAGE plpgsql AS $$ BEGIN INSERT INTO public.ledger (amount) VALUES (round(p_amount, 2)); END $$;
COMMENT ON PROCEDURE public.post(numeric) IS 'posts an amount';
CREATE PROCEDURE public.clear() LANGUAGE sql BEGIN ATOMIC DELETE FROM public.ledger; END;
