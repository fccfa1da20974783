-- migrate:down

COMMENT ON COLUMN public."user"."Name" IS NULL;

ALTER TABLE ONLY public."user" DROP CONSTRAINT user_order_fkey;

DROP INDEX "Sales Dept"."Order_user_Idx";

ALTER TABLE public."user" DROP COLUMN "order";

ALTER TABLE "Sales Dept"."Order" DROP COLUMN "Total Amount";

ALTER TABLE "Sales Dept"."Order" ALTER COLUMN "select" TYPE integer USING "select"::integer;

ALTER TABLE "Sales Dept"."Order" ALTER COLUMN "user" DROP NOT NULL;
