-- migrate:up

CREATE SEQUENCE public.t_n_seq;

ALTER TABLE ONLY public.t ALTER COLUMN status SET DEFAULT 'open'::text;

ALTER TABLE ONLY public.t ALTER COLUMN created SET DEFAULT CURRENT_DATE;

ALTER TABLE ONLY public.t ALTER COLUMN score DROP DEFAULT;

ALTER TABLE ONLY public.t ALTER COLUMN n SET DEFAULT nextval('public.t_n_seq'::regclass);

