-- migrate:down

ALTER TABLE ONLY public.bookings DROP CONSTRAINT bookings_no_overlap;
