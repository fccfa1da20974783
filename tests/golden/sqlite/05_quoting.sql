-- Names that need quoting: reserved words, mixed case, spaces, embedded
-- quotes, in all of SQLite's quoting styles ("..", [..], `..`, '..').
-- In canonical order (byte order of the names: upper case first).
CREATE TABLE "Mixed Case" ("Id" INTEGER PRIMARY KEY, "Display Name" TEXT, "we""ird" TEXT, 'single quoted' INT);

CREATE TABLE [group] ([key] TEXT PRIMARY KEY, [value] TEXT, "order" INTEGER REFERENCES "order" ("select")) WITHOUT ROWID;

CREATE TABLE "order" (
    `select` INTEGER PRIMARY KEY,
    "from" TEXT NOT NULL UNIQUE,
    [where] TEXT CHECK ([where] <> 'x'),
    "table" INTEGER
);

CREATE TABLE `select` (
    "group" TEXT REFERENCES [group] ON DELETE CASCADE,
    "desc" INT,
    CONSTRAINT "check" CHECK ("desc" >= 0),
    CONSTRAINT [unique] UNIQUE ("group", "desc")
);

CREATE INDEX "idx on ""order""" ON "order" ("from", "table" DESC);

CREATE INDEX [index] ON `select` ("desc");

CREATE VIEW "View of Order" AS SELECT "select", "from" FROM "order";

CREATE VIEW "view" AS SELECT * FROM "View of Order" JOIN [group] ON [group]."order" = "View of Order"."select";

CREATE TRIGGER "Trigger ""quoted""" AFTER INSERT ON "order"
BEGIN
    UPDATE "order" SET "table" = 1 WHERE "select" = new."select";
END;

CREATE TRIGGER [trigger] INSTEAD OF DELETE ON "view"
BEGIN
    DELETE FROM "order" WHERE "select" = old."select";
END;
