-- The lineage becomes per evaluation (ADR 0011). Facts, values and rollups are
-- derived from event_archive, which is kept as it is: they are emptied here and
-- the KPI service builds an evaluation of every defined (year, KPI) from the
-- archive when it starts (src/engine/evaluation-builder.service.ts).
TRUNCATE "kpi_fact";
-- Business time to the millisecond: the engine orders events by it in JavaScript (Date) and in SQL alike.
UPDATE "event_archive" SET "time" = date_trunc('milliseconds', "time") WHERE "time" <> date_trunc('milliseconds', "time");

-- DropIndex
DROP INDEX "kpi_fact_generation_year_kpi_code_event_source_event_id_key";

-- DropIndex
DROP INDEX "kpi_fact_generation_year_kpi_code_status_time_idx";

-- AlterTable
ALTER TABLE "event_archive" ADD COLUMN     "tx_id" xid8 NOT NULL DEFAULT pg_current_xact_id();

-- AlterTable
ALTER TABLE "kpi_fact" DROP CONSTRAINT "kpi_fact_pkey",
DROP COLUMN "duplicates",
DROP COLUMN "generation",
DROP COLUMN "id",
DROP COLUMN "keys",
DROP COLUMN "kpi_code",
DROP COLUMN "status",
DROP COLUMN "year",
ADD COLUMN     "eligibility" TEXT NOT NULL,
ADD COLUMN     "evaluation_id" INTEGER NOT NULL,
ADD COLUMN     "event_keys" TEXT[],
ADD CONSTRAINT "kpi_fact_pkey" PRIMARY KEY ("evaluation_id", "event_source", "event_id");

-- AlterTable
ALTER TABLE "kpi_rebuild" DROP COLUMN "generation";

-- AlterTable
ALTER TABLE "kpi_year_state" DROP COLUMN "fact_version",
DROP COLUMN "rolled_up_at",
DROP COLUMN "rollup_version";

-- DropTable
DROP TABLE "kpi_engine_state";

-- DropTable
DROP TABLE "kpi_rollup";

-- DropTable
DROP TABLE "kpi_value";

-- CreateTable
CREATE TABLE "kpi_evaluation" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "kpi_code" TEXT NOT NULL,
    "rule_hash" TEXT NOT NULL,
    "rule" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "rebuild_id" UUID,
    "snapshot" TEXT,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activated_at" TIMESTAMPTZ(6),
    "error" TEXT,

    CONSTRAINT "kpi_evaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kpi_key" (
    "evaluation_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "maker_source" TEXT NOT NULL,
    "maker_id" TEXT NOT NULL,
    "maker_time" TIMESTAMPTZ(6) NOT NULL,
    "maker_month" INTEGER NOT NULL,
    "maker_network" TEXT NOT NULL,
    "maker_region" TEXT NOT NULL,

    CONSTRAINT "kpi_key_pkey" PRIMARY KEY ("evaluation_id","key")
);

-- CreateTable
CREATE TABLE "kpi_key_holder" (
    "evaluation_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "time" TIMESTAMPTZ(6) NOT NULL,
    "source" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "network" TEXT NOT NULL,
    "region" TEXT NOT NULL,

    CONSTRAINT "kpi_key_holder_pkey" PRIMARY KEY ("evaluation_id","key","time","source","id")
);

-- CreateTable
CREATE TABLE "kpi_figure" (
    "evaluation_id" INTEGER NOT NULL,
    "dimension" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kpi_figure_pkey" PRIMARY KEY ("evaluation_id","dimension","key")
);

-- CreateIndex
CREATE INDEX "kpi_evaluation_year_kpi_code_status_idx" ON "kpi_evaluation"("year", "kpi_code", "status");

-- CreateIndex
CREATE INDEX "kpi_evaluation_status_idx" ON "kpi_evaluation"("status");

-- CreateIndex
CREATE INDEX "event_archive_biz_year_type_time_source_id_idx" ON "event_archive"("biz_year", "type", "time", "source", "id");

-- CreateIndex
CREATE INDEX "kpi_fact_evaluation_id_time_event_source_event_id_idx" ON "kpi_fact"("evaluation_id", "time", "event_source", "event_id");
