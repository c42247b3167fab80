-- AlterTable
ALTER TABLE "project" ADD COLUMN     "identity_key" TEXT,
ADD COLUMN     "same_as_project_id" TEXT;

-- CreateTable
CREATE TABLE "partner_project_report" (
    "source" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "reported_project_id" TEXT NOT NULL,
    "linked_project_id" TEXT,
    "link_kind" TEXT,
    "refusal" TEXT,
    "data" JSONB NOT NULL,
    "time" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partner_project_report_pkey" PRIMARY KEY ("source","event_id")
);

-- CreateTable
CREATE TABLE "project_reconciliation" (
    "id" TEXT NOT NULL,
    "canonical_project_id" TEXT NOT NULL,
    "duplicate_project_id" TEXT NOT NULL,
    "identity_key" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(6),
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "project_reconciliation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "partner_project_report_linked_project_id_idx" ON "partner_project_report"("linked_project_id");

-- CreateIndex
CREATE INDEX "partner_project_report_source_reported_project_id_idx" ON "partner_project_report"("source", "reported_project_id");

-- CreateIndex
CREATE INDEX "project_reconciliation_status_created_at_idx" ON "project_reconciliation"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "project_reconciliation_canonical_project_id_duplicate_proje_key" ON "project_reconciliation"("canonical_project_id", "duplicate_project_id");

-- CreateIndex
CREATE INDEX "project_identity_key_idx" ON "project"("identity_key");
