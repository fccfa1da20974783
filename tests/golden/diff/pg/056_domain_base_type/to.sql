CREATE DOMAIN public.amount AS numeric(14,4) CHECK (VALUE >= 0);
CREATE TABLE public.pay (id integer PRIMARY KEY, amount public.amount DEFAULT 0, extra public.amount[]);
