-- AlterTable
ALTER TABLE "consortium" ADD COLUMN     "lead_judgement" JSONB,
ADD COLUMN     "lead_registry_id" TEXT,
ADD COLUMN     "stated_event_id" TEXT,
ADD COLUMN     "stated_lead" JSONB;

-- CreateTable
CREATE TABLE "key_enterprise_listing" (
    "id" SERIAL NOT NULL,
    "enterprise_id" TEXT NOT NULL,
    "listed_on" DATE,
    "delisted_on" DATE,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "key_enterprise_listing_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "key_enterprise_listing_enterprise_id_idx" ON "key_enterprise_listing"("enterprise_id");

-- CreateIndex
CREATE INDEX "consortium_lead_registry_id_idx" ON "consortium"("lead_registry_id");

-- AddForeignKey
ALTER TABLE "key_enterprise_listing" ADD CONSTRAINT "key_enterprise_listing_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Backfill (ADR 0015). The registry held a flag, never a date: every enterprise
-- on the list gets one undated period (listed_on NULL: listed for any formation
-- date). Their registration time is not a listing date (the demo registers in
-- 2026 the enterprises that led 2024 consortia), so it is not used as one.
INSERT INTO "key_enterprise_listing" ("enterprise_id", "listed_on", "delisted_on")
SELECT "id", NULL, NULL FROM "enterprise" WHERE "is_key_enterprise";

-- Our own consortia: the lead is a registry enterprise, and the lead we stated
-- is the snapshot the formation event carried.
UPDATE "consortium" SET "lead_registry_id" = "lead_enterprise_id", "stated_lead" = "lead_enterprise"
WHERE "reported_by" = 'tjc/industry-network' AND "status" <> 'proposed';

-- The id of the formation event, while the outbox still holds it (published
-- rows are kept 7 days). Older ones stay NULL: a later listing change cannot
-- amend them and says so on the consortium's audit trail.
UPDATE "consortium" c SET "stated_event_id" = o."event_id"
FROM "rt_outbox" o
WHERE o."source" = 'tjc/industry-network' AND o."type" = 'industry.consortium.formed.v1' AND o."key" = c."id"
  AND c."reported_by" = 'tjc/industry-network';
