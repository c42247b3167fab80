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
CREATE TABLE "fund" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "manager" TEXT NOT NULL,
    "size" DECIMAL(18,2) NOT NULL,
    "established_on" DATE,
    "description" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "fund_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sub_fund" (
    "id" TEXT NOT NULL,
    "fund_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "manager" TEXT NOT NULL,
    "size" DECIMAL(18,2) NOT NULL,
    "own_contribution" DECIMAL(18,2) NOT NULL,
    "established_on" DATE,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sub_fund_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deal" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "transfer_id" TEXT,
    "project_id" TEXT,
    "investee_id" TEXT,
    "investee_name" TEXT NOT NULL,
    "investee_region" TEXT NOT NULL,
    "investee_type" TEXT,
    "field" TEXT,
    "summary" TEXT,
    "target_park" TEXT,
    "funding_need" DECIMAL(18,2),
    "fund_id" TEXT,
    "decline_reason" TEXT,
    "stage_changed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "deal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "investment" (
    "id" TEXT NOT NULL,
    "fund_id" TEXT NOT NULL,
    "deal_id" TEXT,
    "grant_id" TEXT,
    "investee_id" TEXT,
    "investee_name" TEXT NOT NULL,
    "investee_region" TEXT NOT NULL,
    "investee_type" TEXT,
    "amount" DECIMAL(18,2) NOT NULL,
    "round" TEXT NOT NULL,
    "invested_on" DATE NOT NULL,
    "invested_at" TIMESTAMPTZ(6),
    "equity_percent" DECIMAL(7,4),
    "transfer_id" TEXT,
    "project_id" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "investment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "grant" (
    "id" TEXT NOT NULL,
    "fund_id" TEXT NOT NULL,
    "grantee_id" TEXT,
    "grantee_name" TEXT NOT NULL,
    "grantee_region" TEXT NOT NULL,
    "grantee_type" TEXT,
    "project_id" TEXT,
    "amount" DECIMAL(18,2) NOT NULL,
    "awarded_on" DATE NOT NULL,
    "convertible" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "converted_amount" DECIMAL(18,2),
    "equity_percent" DECIMAL(7,4),
    "converted_on" DATE,
    "conversion_note" TEXT,
    "close_reason" TEXT,
    "closed_on" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "grant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "grant_milestone" (
    "id" TEXT NOT NULL,
    "grant_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "due" DATE NOT NULL,
    "met_on" DATE,
    "note" TEXT,

    CONSTRAINT "grant_milestone_pkey" PRIMARY KEY ("id")
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
CREATE UNIQUE INDEX "fund_name_key" ON "fund"("name");

-- CreateIndex
CREATE INDEX "fund_type_idx" ON "fund"("type");

-- CreateIndex
CREATE UNIQUE INDEX "sub_fund_fund_id_name_key" ON "sub_fund"("fund_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "deal_transfer_id_key" ON "deal"("transfer_id");

-- CreateIndex
CREATE UNIQUE INDEX "deal_project_id_key" ON "deal"("project_id");

-- CreateIndex
CREATE INDEX "deal_stage_created_at_idx" ON "deal"("stage", "created_at");

-- CreateIndex
CREATE INDEX "deal_fund_id_idx" ON "deal"("fund_id");

-- CreateIndex
CREATE UNIQUE INDEX "investment_deal_id_key" ON "investment"("deal_id");

-- CreateIndex
CREATE UNIQUE INDEX "investment_grant_id_key" ON "investment"("grant_id");

-- CreateIndex
CREATE INDEX "investment_fund_id_invested_on_idx" ON "investment"("fund_id", "invested_on");

-- CreateIndex
CREATE INDEX "investment_invested_on_idx" ON "investment"("invested_on");

-- CreateIndex
CREATE INDEX "grant_fund_id_status_idx" ON "grant"("fund_id", "status");

-- CreateIndex
CREATE INDEX "grant_status_awarded_on_idx" ON "grant"("status", "awarded_on");

-- CreateIndex
CREATE UNIQUE INDEX "grant_milestone_grant_id_seq_key" ON "grant_milestone"("grant_id", "seq");

-- AddForeignKey
ALTER TABLE "sub_fund" ADD CONSTRAINT "sub_fund_fund_id_fkey" FOREIGN KEY ("fund_id") REFERENCES "fund"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal" ADD CONSTRAINT "deal_fund_id_fkey" FOREIGN KEY ("fund_id") REFERENCES "fund"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "investment" ADD CONSTRAINT "investment_fund_id_fkey" FOREIGN KEY ("fund_id") REFERENCES "fund"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "investment" ADD CONSTRAINT "investment_deal_id_fkey" FOREIGN KEY ("deal_id") REFERENCES "deal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "investment" ADD CONSTRAINT "investment_grant_id_fkey" FOREIGN KEY ("grant_id") REFERENCES "grant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grant" ADD CONSTRAINT "grant_fund_id_fkey" FOREIGN KEY ("fund_id") REFERENCES "fund"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grant_milestone" ADD CONSTRAINT "grant_milestone_grant_id_fkey" FOREIGN KEY ("grant_id") REFERENCES "grant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
