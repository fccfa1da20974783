-- migrate:up

-- schemake:destructive drops table app.items
DROP TABLE app.items;

DROP SCHEMA app;

