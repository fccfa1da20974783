CREATE TABLE public.ledger (id integer GENERATED ALWAYS AS IDENTITY, amount numeric);
CREATE PROCEDURE public.post(IN p_amount numeric) LANGUAGE plpgsql AS $$ BEGIN INSERT INTO public.ledger (amount) VALUES (p_amount); END $$;
