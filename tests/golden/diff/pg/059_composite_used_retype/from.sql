CREATE TYPE public.money_amount AS (amount numeric(10,2), currency text);
CREATE TABLE public.acc (id integer PRIMARY KEY, balance public.money_amount);
