-- AlterTable
ALTER TABLE "consortium" ADD COLUMN     "reported_at" TIMESTAMPTZ(6);
