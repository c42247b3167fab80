-- CreateTable
CREATE TABLE "rt_outbox" (
    "seq" BIGSERIAL NOT NULL,
    "event_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "headers" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(6),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "rt_outbox_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "rt_inbox" (
    "consumer_group" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "offset" BIGINT NOT NULL,
    "processed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rt_inbox_pkey" PRIMARY KEY ("consumer_group","source","event_id")
);

-- CreateTable
CREATE TABLE "rt_dead_letter" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "consumer_group" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "offset" BIGINT NOT NULL,
    "key" TEXT,
    "value" TEXT,
    "headers" JSONB NOT NULL,
    "event_id" TEXT,
    "event_type" TEXT,
    "error_kind" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(6),
    "resolved_by" TEXT,

    CONSTRAINT "rt_dead_letter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rt_audit" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "request_id" TEXT,
    "event_id" TEXT,
    "detail" JSONB NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "rt_audit_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "event_archive" (
    "source" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "time" TIMESTAMPTZ(6) NOT NULL,
    "time_text" TEXT NOT NULL,
    "biz_year" INTEGER NOT NULL,
    "region" TEXT NOT NULL,
    "dataversion" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "target_source" TEXT,
    "target_id" TEXT,
    "received_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seq" BIGSERIAL NOT NULL,

    CONSTRAINT "event_archive_pkey" PRIMARY KEY ("source","id")
);

-- CreateTable
CREATE TABLE "kpi_fact" (
    "id" BIGSERIAL NOT NULL,
    "generation" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "kpi_code" TEXT NOT NULL,
    "event_source" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "time" TIMESTAMPTZ(6) NOT NULL,
    "month" INTEGER NOT NULL,
    "network" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "dataversion" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(6) NOT NULL,
    "status" TEXT NOT NULL,
    "contribution" INTEGER NOT NULL,
    "keys" JSONB NOT NULL,
    "duplicates" JSONB NOT NULL,
    "reason" TEXT,
    "correction" JSONB,

    CONSTRAINT "kpi_fact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kpi_value" (
    "generation" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "kpi_code" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "computed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kpi_value_pkey" PRIMARY KEY ("generation","year","kpi_code")
);

-- CreateTable
CREATE TABLE "kpi_rollup" (
    "year" INTEGER NOT NULL,
    "kpi_code" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "computed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kpi_rollup_pkey" PRIMARY KEY ("year","kpi_code","dimension","key")
);

-- CreateTable
CREATE TABLE "kpi_year_state" (
    "year" INTEGER NOT NULL,
    "fact_version" INTEGER NOT NULL DEFAULT 0,
    "rollup_version" INTEGER NOT NULL DEFAULT 0,
    "rolled_up_at" TIMESTAMPTZ(6),
    "closed_at" TIMESTAMPTZ(6),
    "closed_by" TEXT,
    "closed_values" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "kpi_year_state_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "kpi_restatement" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "year" INTEGER NOT NULL,
    "kpi_code" TEXT NOT NULL,
    "previous_value" INTEGER NOT NULL,
    "new_value" INTEGER NOT NULL,
    "cause_source" TEXT NOT NULL,
    "cause_event_id" TEXT NOT NULL,
    "cause_type" TEXT NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kpi_restatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kpi_engine_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "active_generation" INTEGER NOT NULL DEFAULT 1,
    "building_generation" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "kpi_engine_state_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kpi_rebuild" (
    "id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "generation" INTEGER NOT NULL,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "requested_by" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(6),
    "error" TEXT,
    "result" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "kpi_rebuild_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kpi_pace_notice" (
    "year" INTEGER NOT NULL,
    "kpi_code" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kpi_pace_notice_pkey" PRIMARY KEY ("year","kpi_code","day")
);

-- CreateIndex
CREATE INDEX "rt_outbox_published_at_seq_idx" ON "rt_outbox"("published_at", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "rt_outbox_source_event_id_key" ON "rt_outbox"("source", "event_id");

-- CreateIndex
CREATE INDEX "rt_dead_letter_status_created_at_idx" ON "rt_dead_letter"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "rt_dead_letter_consumer_group_topic_partition_offset_key" ON "rt_dead_letter"("consumer_group", "topic", "partition", "offset");

-- CreateIndex
CREATE INDEX "rt_audit_entity_type_entity_id_idx" ON "rt_audit"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "event_archive_type_biz_year_idx" ON "event_archive"("type", "biz_year");

-- CreateIndex
CREATE INDEX "event_archive_target_source_target_id_idx" ON "event_archive"("target_source", "target_id");

-- CreateIndex
CREATE UNIQUE INDEX "event_archive_seq_key" ON "event_archive"("seq");

-- CreateIndex
CREATE INDEX "kpi_fact_generation_year_kpi_code_status_time_idx" ON "kpi_fact"("generation", "year", "kpi_code", "status", "time");

-- CreateIndex
CREATE UNIQUE INDEX "kpi_fact_generation_year_kpi_code_event_source_event_id_key" ON "kpi_fact"("generation", "year", "kpi_code", "event_source", "event_id");

-- CreateIndex
CREATE INDEX "kpi_restatement_year_at_idx" ON "kpi_restatement"("year", "at");
