-- AlterTable
ALTER TABLE "Board" ADD COLUMN     "ledger" TEXT NOT NULL DEFAULT 'off',
ADD COLUMN     "ledgerCanvasId" TEXT,
ADD COLUMN     "ledgerRefused" TEXT,
ADD COLUMN     "roundReport" TEXT NOT NULL DEFAULT 'off';

