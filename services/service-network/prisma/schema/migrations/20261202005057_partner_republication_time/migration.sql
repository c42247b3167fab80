-- AlterTable
ALTER TABLE "transfer" ADD COLUMN     "offer_type" TEXT,
ADD COLUMN     "offered_at" TIMESTAMPTZ(6);
