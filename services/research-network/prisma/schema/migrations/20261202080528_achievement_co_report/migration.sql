-- CreateTable
CREATE TABLE "achievement_co_report" (
    "source" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "achievement_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "time" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "achievement_co_report_pkey" PRIMARY KEY ("source","event_id")
);

-- CreateIndex
CREATE INDEX "achievement_co_report_achievement_id_idx" ON "achievement_co_report"("achievement_id");

-- AddForeignKey
ALTER TABLE "achievement_co_report" ADD CONSTRAINT "achievement_co_report_achievement_id_fkey" FOREIGN KEY ("achievement_id") REFERENCES "achievement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
