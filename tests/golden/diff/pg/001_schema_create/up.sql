-- migrate:up

CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'the application';

CREATE TABLE app.items (
    id integer NOT NULL,
    t_id integer,
    CONSTRAINT items_pkey PRIMARY KEY (id)
);

ALTER TABLE ONLY app.items
    ADD CONSTRAINT items_t_id_fkey FOREIGN KEY (t_id) REFERENCES public.t(id);

