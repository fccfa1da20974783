CREATE SCHEMA "Sales Dept";
CREATE TABLE "Sales Dept"."Order" (id integer PRIMARY KEY, "user" text NOT NULL, "select" bigint, "Total Amount" numeric DEFAULT 0);
CREATE INDEX "Order_user_Idx" ON "Sales Dept"."Order" ("user", "select");
CREATE TABLE public."user" (id integer PRIMARY KEY, "Name" text,
    "order" integer REFERENCES "Sales Dept"."Order" (id));
COMMENT ON COLUMN public."user"."Name" IS 'it''s "quoted"';
