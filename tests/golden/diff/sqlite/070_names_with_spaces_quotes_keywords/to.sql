CREATE TABLE "order" ("select" INTEGER PRIMARY KEY, "from" TEXT NOT NULL DEFAULT '', "my col" TEXT, "group" INTEGER);
CREATE TABLE "my ""quoted"" table" (id INTEGER PRIMARY KEY, "order id" INTEGER REFERENCES "order"("select") ON DELETE CASCADE);
CREATE INDEX "idx on order" ON "order"("from", "group");
CREATE VIEW "a view" AS SELECT "select", "from", "group" FROM "order";
