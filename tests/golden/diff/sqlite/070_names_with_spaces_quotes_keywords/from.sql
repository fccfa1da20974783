CREATE TABLE "order" ("select" INTEGER PRIMARY KEY, "from" TEXT, "my col" TEXT);
CREATE TABLE "my ""quoted"" table" (id INTEGER PRIMARY KEY, "order id" INTEGER REFERENCES "order"("select") ON DELETE CASCADE);
CREATE INDEX "idx on order" ON "order"("from");
CREATE VIEW "a view" AS SELECT "select", "from" FROM "order";
INSERT INTO "order" VALUES (1, 'a', 'b');
INSERT INTO "my ""quoted"" table" VALUES (1, 1);
