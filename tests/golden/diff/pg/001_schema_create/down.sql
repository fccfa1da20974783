-- migrate:down

ALTER TABLE ONLY app.items DROP CONSTRAINT items_t_id_fkey;

DROP TABLE app.items;

DROP SCHEMA app;
