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
CREATE TABLE "partner_request" (
    "partner" TEXT NOT NULL,
    "webhook_id" TEXT NOT NULL,
    "webhook_timestamp" TIMESTAMPTZ(6) NOT NULL,
    "received_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "body_sha256" TEXT NOT NULL,
    "body_bytes" INTEGER NOT NULL,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "partner_request_pkey" PRIMARY KEY ("partner","webhook_id")
);

-- CreateTable
CREATE TABLE "partner_event" (
    "source" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "webhook_id" TEXT,
    "kafka_at" TEXT,
    "event" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partner_event_pkey" PRIMARY KEY ("source","event_id")
);

-- CreateTable
CREATE TABLE "quarantine" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "partner" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "webhook_id" TEXT,
    "batch_index" INTEGER,
    "event_id" TEXT,
    "event_type" TEXT,
    "kind" TEXT NOT NULL,
    "issues" JSONB NOT NULL,
    "raw" TEXT NOT NULL,
    "raw_bytes" INTEGER NOT NULL,
    "truncated" BOOLEAN NOT NULL DEFAULT false,
    "dead_letter_id" UUID,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "note" TEXT,
    "resolved_at" TIMESTAMPTZ(6),
    "resolved_by" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "quarantine_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "partner_request_webhook_timestamp_idx" ON "partner_request"("webhook_timestamp");

-- CreateIndex
CREATE INDEX "partner_event_type_received_at_idx" ON "partner_event"("type", "received_at");

-- CreateIndex
CREATE UNIQUE INDEX "quarantine_dead_letter_id_key" ON "quarantine"("dead_letter_id");

-- CreateIndex
CREATE INDEX "quarantine_status_received_at_idx" ON "quarantine"("status", "received_at");

-- CreateIndex
CREATE INDEX "quarantine_partner_received_at_idx" ON "quarantine"("partner", "received_at");
