-- migrate:up
-- 070_names_with_spaces_quotes_keywords (written by schemake-migrate diff; review it)

DROP VIEW main."a view";

DROP INDEX main."idx on order";

-- schemake:destructive NOT NULL on main.order.from fails on existing NULLs
-- rebuild main.order
-- rebuilt as they are, for their ON DELETE foreign keys: main.my "quoted" table
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE "_sk_old_my ""quoted"" table" (_sk_rowid, id, "order id");
INSERT INTO temp."_sk_old_my ""quoted"" table" SELECT rowid, id, "order id" FROM main."my ""quoted"" table";
CREATE TEMP TABLE _sk_old_order (_sk_rowid, "select", "from", "my col");
INSERT INTO temp._sk_old_order SELECT rowid, "select", "from", "my col" FROM main."order";
DROP TABLE main."my ""quoted"" table";
DROP TABLE main."order";
CREATE TABLE "order" ("select" INTEGER PRIMARY KEY, "from" TEXT NOT NULL DEFAULT '', "my col" TEXT, "group" INTEGER);
CREATE TABLE "my ""quoted"" table" (id INTEGER PRIMARY KEY, "order id" INTEGER REFERENCES "order"("select") ON DELETE CASCADE);
INSERT INTO main."order" ("select", "from", "my col") SELECT "select", "from", "my col" FROM temp._sk_old_order ORDER BY _sk_rowid;
INSERT INTO main."my ""quoted"" table" (id, "order id") SELECT id, "order id" FROM temp."_sk_old_my ""quoted"" table" ORDER BY _sk_rowid;
CREATE INDEX "idx on order" ON "order"("from", "group");
CREATE TEMP TABLE _sk_fk_check (ok CONSTRAINT "foreign key violations after rebuilding main.order, main.my ""quoted"" table (see PRAGMA foreign_key_check)" CHECK (ok));
INSERT INTO temp._sk_fk_check SELECT 0 FROM (SELECT 1 FROM pragma_foreign_key_check('my "quoted" table', 'main')) LIMIT 1;
DROP TABLE temp._sk_fk_check;
DROP TABLE temp."_sk_old_my ""quoted"" table";
DROP TABLE temp._sk_old_order;

CREATE VIEW "a view" AS SELECT "select", "from", "group" FROM "order";

