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
CREATE TABLE "member" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "expert" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "fields" TEXT[],
    "institution_name" TEXT NOT NULL,
    "title" TEXT,
    "conflict_institutions" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "expert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "institution_name" TEXT NOT NULL,
    "institution_region" TEXT NOT NULL,
    "institution_type" TEXT,
    "field" TEXT NOT NULL,
    "trl" INTEGER NOT NULL,
    "team" JSONB NOT NULL DEFAULT '[]',
    "summary" TEXT,
    "confidential_detail" TEXT,
    "state" TEXT NOT NULL,
    "submitted_at" TIMESTAMPTZ(6),
    "review_completed_at" TIMESTAMPTZ(6),
    "average_score" DECIMAL(5,2),
    "screening_passed" BOOLEAN,
    "demonstration_started_at" TIMESTAMPTZ(6),
    "demonstration_with_hq" BOOLEAN,
    "demonstration_conclusion" TEXT,
    "found_at" TIMESTAMPTZ(6),
    "landing_plan" JSONB,
    "rejection_stage" TEXT,
    "rejection_reason" TEXT,
    "rejection_detail" TEXT,
    "rejected_at" TIMESTAMPTZ(6),
    "consortium_ids" TEXT[],
    "joint_research_since" TIMESTAMPTZ(6),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "expert_assignment" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "expert_id" TEXT NOT NULL,
    "assigned_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "score" INTEGER,
    "comment" TEXT,
    "reviewed_at" TIMESTAMPTZ(6),

    CONSTRAINT "expert_assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resource_match" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "provider_name" TEXT NOT NULL,
    "provider_region" TEXT,
    "note" TEXT,
    "matched_on" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "resource_match_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "achievement" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "owner_name" TEXT NOT NULL,
    "owner_region" TEXT NOT NULL,
    "owner_type" TEXT,
    "summary" TEXT NOT NULL,
    "ip_kind" TEXT,
    "asking_price" DECIMAL(18,2),
    "project_id" TEXT,
    "status" TEXT NOT NULL,
    "listed_at" TIMESTAMPTZ(6) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "achievement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "achievement_transfer" (
    "transfer_id" TEXT NOT NULL,
    "achievement_id" TEXT NOT NULL,
    "receiver_name" TEXT NOT NULL,
    "receiver_kind" TEXT NOT NULL,
    "park" TEXT,
    "mode" TEXT NOT NULL,
    "contract_amount" DECIMAL(18,2) NOT NULL,
    "landed_on" DATE NOT NULL,
    "event_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "achievement_transfer_pkey" PRIMARY KEY ("transfer_id")
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
CREATE UNIQUE INDEX "member_name_key" ON "member"("name");

-- CreateIndex
CREATE INDEX "member_region_type_idx" ON "member"("region", "type");

-- CreateIndex
CREATE INDEX "expert_region_idx" ON "expert"("region");

-- CreateIndex
CREATE INDEX "project_state_field_idx" ON "project"("state", "field");

-- CreateIndex
CREATE INDEX "project_source_idx" ON "project"("source");

-- CreateIndex
CREATE INDEX "expert_assignment_expert_id_idx" ON "expert_assignment"("expert_id");

-- CreateIndex
CREATE UNIQUE INDEX "expert_assignment_project_id_expert_id_key" ON "expert_assignment"("project_id", "expert_id");

-- CreateIndex
CREATE INDEX "resource_match_project_id_kind_idx" ON "resource_match"("project_id", "kind");

-- CreateIndex
CREATE INDEX "achievement_field_owner_region_idx" ON "achievement"("field", "owner_region");

-- CreateIndex
CREATE INDEX "achievement_status_idx" ON "achievement"("status");

-- CreateIndex
CREATE INDEX "achievement_transfer_achievement_id_idx" ON "achievement_transfer"("achievement_id");

-- AddForeignKey
ALTER TABLE "expert_assignment" ADD CONSTRAINT "expert_assignment_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "expert_assignment" ADD CONSTRAINT "expert_assignment_expert_id_fkey" FOREIGN KEY ("expert_id") REFERENCES "expert"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resource_match" ADD CONSTRAINT "resource_match_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "achievement_transfer" ADD CONSTRAINT "achievement_transfer_achievement_id_fkey" FOREIGN KEY ("achievement_id") REFERENCES "achievement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
