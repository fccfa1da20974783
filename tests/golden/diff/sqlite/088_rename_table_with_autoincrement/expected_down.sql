-- migrate:down

-- rebuild main.tasks
CREATE TEMP TABLE _sk_seq AS SELECT name, seq FROM main.sqlite_sequence WHERE name IN ('tasks');
CREATE TEMP TABLE _sk_old_tasks (_sk_rowid, id, name);
INSERT INTO temp._sk_old_tasks SELECT rowid, id, name FROM main.tasks;
DROP TABLE main.tasks;
CREATE TABLE "tasks" (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT);
INSERT INTO main.tasks (id, name) SELECT id, name FROM temp._sk_old_tasks ORDER BY _sk_rowid;
DELETE FROM main.sqlite_sequence WHERE name = 'tasks';
INSERT INTO main.sqlite_sequence (name, seq) SELECT 'tasks', seq FROM temp._sk_seq WHERE name = 'tasks';
DROP TABLE temp._sk_old_tasks;
DROP TABLE temp._sk_seq;

ALTER TABLE main.tasks RENAME TO jobs;
-- rebuild main.jobs
CREATE TEMP TABLE _sk_seq AS SELECT name, seq FROM main.sqlite_sequence WHERE name IN ('jobs');
CREATE TEMP TABLE _sk_old_jobs (_sk_rowid, id, name);
INSERT INTO temp._sk_old_jobs SELECT rowid, id, name FROM main.jobs;
DROP TABLE main.jobs;
CREATE TABLE jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT);
INSERT INTO main.jobs (id, name) SELECT id, name FROM temp._sk_old_jobs ORDER BY _sk_rowid;
DELETE FROM main.sqlite_sequence WHERE name = 'jobs';
INSERT INTO main.sqlite_sequence (name, seq) SELECT 'jobs', seq FROM temp._sk_seq WHERE name = 'jobs';
DROP TABLE temp._sk_old_jobs;
DROP TABLE temp._sk_seq;
