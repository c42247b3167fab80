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
CREATE TABLE "enterprise" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "industry_chain" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "is_key_enterprise" BOOLEAN NOT NULL,
    "is_chain_leader" BOOLEAN NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "enterprise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "demand" (
    "id" TEXT NOT NULL,
    "enterprise_id" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "problem" TEXT NOT NULL,
    "budget_min" DECIMAL(18,2),
    "budget_max" DECIMAL(18,2),
    "deadline" DATE,
    "status" TEXT NOT NULL,
    "posted_on" DATE NOT NULL,
    "closed_reason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "demand_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "challenge" (
    "id" TEXT NOT NULL,
    "demand_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "enterprise" JSONB NOT NULL,
    "enterprise_id" TEXT NOT NULL,
    "reward" DECIMAL(18,2) NOT NULL,
    "deadline" DATE NOT NULL,
    "published_via_hq" BOOLEAN NOT NULL,
    "published_on" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "awarded_application_id" TEXT,
    "award_amount" DECIMAL(18,2),
    "awarded_on" DATE,
    "cancel_reason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "challenge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "challenge_application" (
    "id" TEXT NOT NULL,
    "challenge_id" TEXT NOT NULL,
    "institution_id" TEXT,
    "institution_name" TEXT NOT NULL,
    "institution_region" TEXT NOT NULL,
    "institution_type" TEXT,
    "proposal" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "submitted_on" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "challenge_application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consortium" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "lead_enterprise_id" TEXT NOT NULL,
    "lead_enterprise" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "reported_by" TEXT NOT NULL,
    "external_id" TEXT,
    "project_id" TEXT,
    "challenge_id" TEXT,
    "formed_on" DATE,
    "concluded_on" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "consortium_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consortium_member" (
    "id" SERIAL NOT NULL,
    "consortium_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "institution_id" TEXT,
    "name" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "type" TEXT,

    CONSTRAINT "consortium_member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consortium_milestone" (
    "id" TEXT NOT NULL,
    "consortium_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "reached_on" DATE NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consortium_milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "suggestion" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "project_title" TEXT NOT NULL,
    "project_field" TEXT NOT NULL,
    "project_institution" JSONB NOT NULL,
    "project_trl" INTEGER NOT NULL,
    "project_source" TEXT NOT NULL,
    "demand_id" TEXT NOT NULL,
    "enterprise_id" TEXT NOT NULL,
    "consortium_id" TEXT,
    "event_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suggestion_pkey" PRIMARY KEY ("id")
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
CREATE UNIQUE INDEX "enterprise_name_key" ON "enterprise"("name");

-- CreateIndex
CREATE INDEX "enterprise_field_idx" ON "enterprise"("field");

-- CreateIndex
CREATE INDEX "demand_status_field_idx" ON "demand"("status", "field");

-- CreateIndex
CREATE INDEX "demand_enterprise_id_idx" ON "demand"("enterprise_id");

-- CreateIndex
CREATE INDEX "challenge_status_field_idx" ON "challenge"("status", "field");

-- CreateIndex
CREATE INDEX "challenge_demand_id_idx" ON "challenge"("demand_id");

-- CreateIndex
CREATE UNIQUE INDEX "challenge_application_challenge_id_institution_name_key" ON "challenge_application"("challenge_id", "institution_name");

-- CreateIndex
CREATE INDEX "consortium_status_field_idx" ON "consortium"("status", "field");

-- CreateIndex
CREATE INDEX "consortium_lead_enterprise_id_idx" ON "consortium"("lead_enterprise_id");

-- CreateIndex
CREATE UNIQUE INDEX "consortium_reported_by_external_id_key" ON "consortium"("reported_by", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "consortium_member_consortium_id_name_key" ON "consortium_member"("consortium_id", "name");

-- CreateIndex
CREATE INDEX "consortium_milestone_consortium_id_reached_on_idx" ON "consortium_milestone"("consortium_id", "reached_on");

-- CreateIndex
CREATE INDEX "suggestion_demand_id_idx" ON "suggestion"("demand_id");

-- CreateIndex
CREATE UNIQUE INDEX "suggestion_project_id_demand_id_key" ON "suggestion"("project_id", "demand_id");

-- AddForeignKey
ALTER TABLE "demand" ADD CONSTRAINT "demand_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "challenge" ADD CONSTRAINT "challenge_demand_id_fkey" FOREIGN KEY ("demand_id") REFERENCES "demand"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "challenge_application" ADD CONSTRAINT "challenge_application_challenge_id_fkey" FOREIGN KEY ("challenge_id") REFERENCES "challenge"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consortium_member" ADD CONSTRAINT "consortium_member_consortium_id_fkey" FOREIGN KEY ("consortium_id") REFERENCES "consortium"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consortium_milestone" ADD CONSTRAINT "consortium_milestone_consortium_id_fkey" FOREIGN KEY ("consortium_id") REFERENCES "consortium"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "suggestion" ADD CONSTRAINT "suggestion_demand_id_fkey" FOREIGN KEY ("demand_id") REFERENCES "demand"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
