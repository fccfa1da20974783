-- Names that must be quoted: reserved words, upper and mixed case, spaces,
-- quotes, dots, non-ASCII; in schemas, tables, columns, types, labels,
-- constraints, indexes, sequences, functions, triggers, views and comments.
CREATE SCHEMA "My Schema";
CREATE SCHEMA "select";
COMMENT ON SCHEMA "My Schema" IS 'mixed case with a space';

CREATE TYPE "My Schema"."Color" AS ENUM ('Red', 'it''s "green"', 'blue\n');
CREATE TYPE "select"."from" AS (
    "where" integer,
    "Group" text
);

CREATE SEQUENCE "My Schema"."Seq.With.Dots";

CREATE TABLE public."user" (
    "id" integer PRIMARY KEY,
    "order" integer NOT NULL DEFAULT nextval('"My Schema"."Seq.With.Dots"'),
    "select" text,
    "CamelCase" text,
    "with space" text,
    "quote""inside" text,
    "naïve" text,
    "default" "My Schema"."Color" DEFAULT 'Red',
    "table" "select"."from"
);
COMMENT ON TABLE public."user" IS 'a table named user';
COMMENT ON COLUMN public."user"."order" IS 'a column named order';
COMMENT ON COLUMN public."user"."quote""inside" IS 'it''s got a "quote"';

CREATE TABLE "My Schema"."Order Lines" (
    "Line ID" integer GENERATED ALWAYS AS IDENTITY,
    "User" integer NOT NULL,
    "group" text COLLATE "POSIX",
    CONSTRAINT "Order Lines PK" PRIMARY KEY ("Line ID"),
    CONSTRAINT "fk to ""user""" FOREIGN KEY ("User") REFERENCES public."user" ("id"),
    CONSTRAINT "check" CHECK ("User" > 0)
);
COMMENT ON CONSTRAINT "check" ON "My Schema"."Order Lines" IS 'named check';
CREATE INDEX "Order Lines by User" ON "My Schema"."Order Lines" ("User", "group" DESC);
CREATE UNIQUE INDEX "select" ON "My Schema"."Order Lines" (lower("group"));
COMMENT ON INDEX "My Schema"."Order Lines by User" IS 'by user';

CREATE FUNCTION "My Schema"."Trigger Fn"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RETURN NEW;
END
$$;
CREATE TRIGGER "Before Insert" BEFORE INSERT ON "My Schema"."Order Lines"
    FOR EACH ROW EXECUTE FUNCTION "My Schema"."Trigger Fn"();
COMMENT ON TRIGGER "Before Insert" ON "My Schema"."Order Lines" IS 'does nothing';

CREATE FUNCTION public."Add"("Left" integer, "right" integer) RETURNS integer
    LANGUAGE sql IMMUTABLE RETURN "Left" + "right";
COMMENT ON FUNCTION public."Add"(integer, integer) IS 'adds';

CREATE VIEW "select"."View ""Quoted""" AS
    SELECT u."order", u."CamelCase" AS "Camel", public."Add"(u.id, 1) AS "next id"
    FROM public."user" u;
COMMENT ON COLUMN "select"."View ""Quoted"""."next id" IS 'computed';

CREATE TABLE public.partitioned_ ("Key" integer NOT NULL, v text) PARTITION BY LIST ("Key");
CREATE TABLE public."Part 1" PARTITION OF public.partitioned_ FOR VALUES IN (1);
CREATE INDEX "Partitioned Index" ON public.partitioned_ ("Key", v);
CREATE UNIQUE INDEX "ONLY" ON public.partitioned_ ("Key");
