-- migrate:down

CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'the application';

CREATE TABLE app.items (
    id integer NOT NULL,
    name text,
    CONSTRAINT items_pkey PRIMARY KEY (id)
);
