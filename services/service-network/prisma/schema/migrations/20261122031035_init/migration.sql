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
CREATE TABLE "transfer" (
    "id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'candidate',
    "channel" TEXT NOT NULL,
    "offered_by" TEXT,
    "achievement_id" TEXT,
    "project_id" TEXT,
    "title" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "summary" TEXT,
    "asking_price" DECIMAL(18,2),
    "origin_name" TEXT NOT NULL,
    "origin_region" TEXT NOT NULL,
    "origin_type" TEXT,
    "origin_id" TEXT,
    "receiver_kind" TEXT,
    "receiver_name" TEXT,
    "receiver_park" TEXT,
    "negotiation_note" TEXT,
    "mode" TEXT,
    "contract_amount" DECIMAL(18,2),
    "landed_on" DATE,
    "landed_at" TIMESTAMPTZ(6),
    "abandon_reason" TEXT,
    "funded_at" TIMESTAMPTZ(6),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "transfer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transfer_investment" (
    "investment_id" TEXT NOT NULL,
    "transfer_id" TEXT NOT NULL,
    "fund_id" TEXT NOT NULL,
    "fund_name" TEXT NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "invested_on" DATE NOT NULL,
    "event_id" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "transfer_investment_pkey" PRIMARY KEY ("investment_id")
);

-- CreateTable
CREATE TABLE "funding_application" (
    "id" TEXT NOT NULL,
    "transfer_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'applied',
    "requested_amount" DECIMAL(18,2) NOT NULL,
    "purpose" TEXT NOT NULL,
    "applied_on" DATE NOT NULL,
    "reviews" JSONB,
    "review_score" DECIMAL(5,2),
    "granted_amount" DECIMAL(18,2),
    "decided_on" DATE,
    "decline_reason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "funding_application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "course" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "hours" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "course_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_session" (
    "id" TEXT NOT NULL,
    "course_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "place" TEXT NOT NULL,
    "partner_region" TEXT,
    "capacity" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "training_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enrolment" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "trainee_id" TEXT NOT NULL,
    "trainee_name" TEXT NOT NULL,
    "organisation" TEXT,
    "status" TEXT NOT NULL DEFAULT 'enrolled',
    "completed_on" DATE,
    "withdrawn_at" TIMESTAMPTZ(6),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "enrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activity" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "planned_on" DATE NOT NULL,
    "place" TEXT NOT NULL,
    "organisers" TEXT[],
    "partner_regions" TEXT[],
    "held_on" DATE,
    "held_at" TIMESTAMPTZ(6),
    "participants" INTEGER,
    "pairs_matched" INTEGER,
    "cancel_reason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "member" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "member_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "transfer_status_created_at_idx" ON "transfer"("status", "created_at");

-- CreateIndex
CREATE INDEX "transfer_achievement_id_idx" ON "transfer"("achievement_id");

-- CreateIndex
CREATE INDEX "transfer_project_id_idx" ON "transfer"("project_id");

-- CreateIndex
CREATE INDEX "transfer_investment_transfer_id_idx" ON "transfer_investment"("transfer_id");

-- CreateIndex
CREATE INDEX "funding_application_transfer_id_idx" ON "funding_application"("transfer_id");

-- CreateIndex
CREATE INDEX "funding_application_status_created_at_idx" ON "funding_application"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "course_type_title_key" ON "course"("type", "title");

-- CreateIndex
CREATE INDEX "training_session_status_starts_on_idx" ON "training_session"("status", "starts_on");

-- CreateIndex
CREATE INDEX "training_session_course_id_idx" ON "training_session"("course_id");

-- CreateIndex
CREATE INDEX "enrolment_session_id_status_idx" ON "enrolment"("session_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "enrolment_session_id_trainee_id_key" ON "enrolment"("session_id", "trainee_id");

-- CreateIndex
CREATE INDEX "activity_status_planned_on_idx" ON "activity"("status", "planned_on");

-- CreateIndex
CREATE UNIQUE INDEX "member_name_key" ON "member"("name");

-- CreateIndex
CREATE INDEX "member_kind_idx" ON "member"("kind");

-- AddForeignKey
ALTER TABLE "transfer_investment" ADD CONSTRAINT "transfer_investment_transfer_id_fkey" FOREIGN KEY ("transfer_id") REFERENCES "transfer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "funding_application" ADD CONSTRAINT "funding_application_transfer_id_fkey" FOREIGN KEY ("transfer_id") REFERENCES "transfer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_session" ADD CONSTRAINT "training_session_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrolment" ADD CONSTRAINT "enrolment_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "training_session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
