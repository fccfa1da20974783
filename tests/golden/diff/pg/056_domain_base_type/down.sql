-- migrate:down

ALTER TABLE ONLY public.pay ALTER COLUMN amount DROP DEFAULT;
ALTER TABLE public.pay ALTER COLUMN amount TYPE text USING amount::text;
ALTER TABLE public.pay ALTER COLUMN extra TYPE text USING extra::text;
DROP DOMAIN public.amount;
CREATE DOMAIN public.amount AS numeric(10,2)
    CONSTRAINT amount_check CHECK ((VALUE >= (0)::numeric));
ALTER TABLE public.pay ALTER COLUMN amount TYPE public.amount USING amount::public.amount;
ALTER TABLE public.pay ALTER COLUMN extra TYPE public.amount[] USING extra::public.amount[];
ALTER TABLE ONLY public.pay ALTER COLUMN amount SET DEFAULT 0;
