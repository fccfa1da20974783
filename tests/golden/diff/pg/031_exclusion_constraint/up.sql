-- migrate:up

-- schemake:destructive adds exclusion constraint bookings_no_overlap on public.bookings (fails on conflicting rows)
ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&) WHERE ((room > 0));
COMMENT ON CONSTRAINT bookings_no_overlap ON public.bookings IS 'one booking at a time';

