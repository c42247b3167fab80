-- AlterTable
ALTER TABLE "rt_outbox" ADD COLUMN     "tx_id" xid8 NOT NULL DEFAULT pg_current_xact_id();
