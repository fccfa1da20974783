-- migrate:down

-- rebuild main.Users
CREATE TEMP TABLE _sk_old_users (_sk_rowid, id, name);
INSERT INTO temp._sk_old_users SELECT rowid, id, name FROM main.users;
DROP TABLE main.users;
CREATE TABLE Users (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO main."Users" (id, name) SELECT id, name FROM temp._sk_old_users ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_users;
