-- migrate:up
-- 088_rename_table_with_autoincrement (written by schemake-migrate diff; review it)

ALTER TABLE main.jobs RENAME TO tasks;

-- rebuild main.tasks
CREATE TEMP TABLE _sk_seq AS SELECT name, seq FROM main.sqlite_sequence WHERE name IN ('tasks');
CREATE TEMP TABLE _sk_old_tasks (_sk_rowid, id, name);
INSERT INTO temp._sk_old_tasks SELECT rowid, id, name FROM main.tasks;
DROP TABLE main.tasks;
CREATE TABLE tasks (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT);
INSERT INTO main.tasks (id, name) SELECT id, name FROM temp._sk_old_tasks ORDER BY _sk_rowid;
DELETE FROM main.sqlite_sequence WHERE name = 'tasks';
INSERT INTO main.sqlite_sequence (name, seq) SELECT 'tasks', seq FROM temp._sk_seq WHERE name = 'tasks';
DROP TABLE temp._sk_old_tasks;
DROP TABLE temp._sk_seq;

