-- migrate:down

ALTER TABLE public.acc ALTER COLUMN balance TYPE text USING balance::text;
DROP TYPE public.money_amount;
CREATE TYPE public.money_amount AS (
    amount numeric(10,2),
    currency text
);
ALTER TABLE public.acc ALTER COLUMN balance TYPE public.money_amount USING balance::public.money_amount;
