CREATE SCHEMA "My Schema";

CREATE SCHEMA "select";

CREATE TYPE "My Schema"."Color" AS ENUM (
    'Red',
    'it''s "green"',
    'blue\n'
);

CREATE TYPE "select"."from" AS (
    "where" integer,
    "Group" text
);

CREATE SEQUENCE "My Schema"."Seq.With.Dots";

CREATE OR REPLACE FUNCTION "My Schema"."Trigger Fn"()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    RETURN NEW;
END
$function$;

CREATE OR REPLACE FUNCTION public."Add"("Left" integer, "right" integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
RETURN ("Left" + "right");

CREATE TABLE "My Schema"."Order Lines" (
    "Line ID" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
    "User" integer NOT NULL,
    "group" text COLLATE "POSIX",
    CONSTRAINT "Order Lines PK" PRIMARY KEY ("Line ID")
);

CREATE TABLE public.partitioned_ (
    "Key" integer NOT NULL,
    v text
)
PARTITION BY LIST ("Key");

CREATE TABLE public."Part 1" PARTITION OF public.partitioned_
FOR VALUES IN (1);

CREATE TABLE public."user" (
    id integer NOT NULL,
    "order" integer DEFAULT nextval('"My Schema"."Seq.With.Dots"'::regclass) NOT NULL,
    "select" text,
    "CamelCase" text,
    "with space" text,
    "quote""inside" text,
    "naïve" text,
    "default" "My Schema"."Color" DEFAULT 'Red'::"My Schema"."Color",
    "table" "select"."from",
    CONSTRAINT user_pkey PRIMARY KEY (id)
);

CREATE VIEW "select"."View ""Quoted""" AS
 SELECT u."order",
    u."CamelCase" AS "Camel",
    public."Add"(u.id, 1) AS "next id"
   FROM public."user" u;

ALTER TABLE ONLY "My Schema"."Order Lines"
    ADD CONSTRAINT "check" CHECK (("User" > 0));

CREATE INDEX "Order Lines by User" ON "My Schema"."Order Lines" USING btree ("User", "group" DESC);

CREATE UNIQUE INDEX "select" ON "My Schema"."Order Lines" USING btree (lower("group"));

CREATE UNIQUE INDEX "ONLY" ON public.partitioned_ USING btree ("Key");

CREATE INDEX "Partitioned Index" ON public.partitioned_ USING btree ("Key", v);

ALTER TABLE ONLY "My Schema"."Order Lines"
    ADD CONSTRAINT "fk to ""user""" FOREIGN KEY ("User") REFERENCES public."user"(id);

CREATE TRIGGER "Before Insert" BEFORE INSERT ON "My Schema"."Order Lines" FOR EACH ROW EXECUTE FUNCTION "My Schema"."Trigger Fn"();

COMMENT ON SCHEMA "My Schema" IS 'mixed case with a space';

COMMENT ON FUNCTION public."Add"("Left" integer, "right" integer) IS 'adds';

COMMENT ON CONSTRAINT "check" ON "My Schema"."Order Lines" IS 'named check';

COMMENT ON INDEX "My Schema"."Order Lines by User" IS 'by user';

COMMENT ON TRIGGER "Before Insert" ON "My Schema"."Order Lines" IS 'does nothing';

COMMENT ON TABLE public."user" IS 'a table named user';

COMMENT ON COLUMN public."user"."order" IS 'a column named order';

COMMENT ON COLUMN public."user"."quote""inside" IS 'it''s got a "quote"';

COMMENT ON COLUMN "select"."View ""Quoted"""."next id" IS 'computed';
