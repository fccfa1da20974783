-- migrate:up
-- 076_table_name_case_changed (written by schemake-migrate diff; review it)

-- rebuild main.users
CREATE TEMP TABLE "_sk_old_Users" (_sk_rowid, id, name);
INSERT INTO temp."_sk_old_Users" SELECT rowid, id, name FROM main."Users";
DROP TABLE main."Users";
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO main.users (id, name) SELECT id, name FROM temp."_sk_old_Users" ORDER BY _sk_rowid;
DROP TABLE temp."_sk_old_Users";

