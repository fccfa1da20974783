-- migrate:up

-- schemake:destructive makes column "Sales Dept"."Order"."user" NOT NULL without a default (fails where it holds NULL)
ALTER TABLE "Sales Dept"."Order" ALTER COLUMN "user" SET NOT NULL;

ALTER TABLE "Sales Dept"."Order" ALTER COLUMN "select" TYPE bigint USING "select"::bigint;

ALTER TABLE "Sales Dept"."Order" ADD COLUMN "Total Amount" numeric DEFAULT 0;

ALTER TABLE public."user" ADD COLUMN "order" integer;

CREATE INDEX "Order_user_Idx" ON "Sales Dept"."Order" USING btree ("user", "select");

ALTER TABLE ONLY public."user"
    ADD CONSTRAINT user_order_fkey FOREIGN KEY ("order") REFERENCES "Sales Dept"."Order"(id);

COMMENT ON COLUMN public."user"."Name" IS 'it''s "quoted"';

