-- Partitioned tables: range, list and hash, a default partition, two levels,
-- constraints, indexes and triggers defined on the parent (not repeated on
-- the partitions) and a partition's own index, check, default and comment.
CREATE TABLE public.measurements (
    id bigint NOT NULL,
    city_id integer NOT NULL,
    logdate date NOT NULL,
    peaktemp integer DEFAULT 0,
    unitsales integer,
    PRIMARY KEY (id, logdate, city_id),
    CHECK (peaktemp > -100)
) PARTITION BY RANGE (logdate);
COMMENT ON TABLE public.measurements IS 'partitioned by day';

CREATE TABLE public.measurements_2024 PARTITION OF public.measurements
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.measurements_2025 PARTITION OF public.measurements
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
    PARTITION BY LIST (city_id);
CREATE TABLE public.measurements_2025_north PARTITION OF public.measurements_2025
    FOR VALUES IN (1, 2, 3);
CREATE TABLE public.measurements_2025_rest PARTITION OF public.measurements_2025 DEFAULT;
CREATE UNLOGGED TABLE public.measurements_old PARTITION OF public.measurements
    FOR VALUES FROM (MINVALUE) TO ('2024-01-01') WITH (fillfactor = 90);
COMMENT ON TABLE public.measurements_old IS 'before 2024';

CREATE INDEX measurements_city_idx ON public.measurements (city_id, logdate);
CREATE INDEX measurements_2024_sales_idx ON public.measurements_2024 (unitsales);
ALTER TABLE public.measurements_2024 ADD CONSTRAINT measurements_2024_sales_check CHECK (unitsales >= 0);
ALTER TABLE ONLY public.measurements_2024 ALTER COLUMN unitsales SET DEFAULT 1;
ALTER TABLE ONLY public.measurements_2024 ALTER COLUMN peaktemp DROP DEFAULT;
ALTER TABLE ONLY public.measurements_old ALTER COLUMN unitsales SET NOT NULL;

CREATE TABLE public.cities (
    id integer PRIMARY KEY,
    name text NOT NULL
);
ALTER TABLE public.measurements ADD CONSTRAINT measurements_city_fk FOREIGN KEY (city_id) REFERENCES public.cities (id);

CREATE TABLE public.orders (
    id bigint NOT NULL,
    region text NOT NULL,
    UNIQUE (id, region)
) PARTITION BY LIST (region);
CREATE TABLE public.orders_eu PARTITION OF public.orders FOR VALUES IN ('eu', 'uk');
CREATE TABLE public.orders_us PARTITION OF public.orders FOR VALUES IN ('us');

-- a foreign key to a partitioned table
CREATE TABLE public.shipments (
    order_id bigint NOT NULL,
    region text NOT NULL,
    FOREIGN KEY (order_id, region) REFERENCES public.orders (id, region) ON DELETE CASCADE
);

CREATE TABLE public.hashed (
    k integer NOT NULL,
    v text
) PARTITION BY HASH (k);
CREATE TABLE public.hashed_0 PARTITION OF public.hashed FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE public.hashed_1 PARTITION OF public.hashed FOR VALUES WITH (MODULUS 2, REMAINDER 1);

CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.unitsales := coalesce(NEW.unitsales, 0);
    RETURN NEW;
END
$$;
CREATE TRIGGER measurements_touch BEFORE INSERT OR UPDATE ON public.measurements
    FOR EACH ROW EXECUTE FUNCTION public.touch();
CREATE TRIGGER measurements_2024_touch BEFORE UPDATE OF unitsales ON public.measurements_2024
    FOR EACH ROW WHEN (NEW.unitsales IS NULL) EXECUTE FUNCTION public.touch();
COMMENT ON TRIGGER measurements_touch ON public.measurements IS 'fills unitsales';

-- expression partition key
CREATE TABLE public.logs (
    at timestamptz NOT NULL,
    msg text
) PARTITION BY RANGE (date_trunc('month', at AT TIME ZONE 'UTC'));
CREATE TABLE public.logs_2024 PARTITION OF public.logs
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
