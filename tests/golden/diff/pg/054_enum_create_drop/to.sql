CREATE TYPE public.color AS ENUM ('red', 'green', 'blue');
COMMENT ON TYPE public.color IS 'primary colors of light';
CREATE TABLE public.t (id integer PRIMARY KEY, c public.color DEFAULT 'red');
