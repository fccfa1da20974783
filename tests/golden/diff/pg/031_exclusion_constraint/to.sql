CREATE TABLE public.bookings (id integer PRIMARY KEY, room integer NOT NULL, during tsrange NOT NULL,
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&) WHERE (room > 0));
COMMENT ON CONSTRAINT bookings_no_overlap ON public.bookings IS 'one booking at a time';
