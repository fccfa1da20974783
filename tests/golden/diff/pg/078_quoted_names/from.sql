CREATE SCHEMA "Sales Dept";
CREATE TABLE "Sales Dept"."Order" (id integer PRIMARY KEY, "user" text, "select" integer);
CREATE TABLE public."user" (id integer PRIMARY KEY, "Name" text);
