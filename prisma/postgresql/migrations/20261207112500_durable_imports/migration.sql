-- CreateEnum
CREATE TYPE "ImportState" AS ENUM ('running', 'undoing', 'done', 'undone');

-- CreateTable
CREATE TABLE "ImportRun" (
    "id" SERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "boardId" INTEGER NOT NULL,
    "actorId" TEXT NOT NULL,
    "state" "ImportState" NOT NULL DEFAULT 'running',
    "at" TIMESTAMP(3) NOT NULL,
    "rows" INTEGER NOT NULL,
    "rowsDone" INTEGER NOT NULL DEFAULT 0,
    "owner" TEXT NOT NULL,
    "heartbeatAt" TIMESTAMP(3) NOT NULL,
    "kept" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "journal" TEXT NOT NULL,

    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImportRun_state_heartbeatAt_idx" ON "ImportRun"("state", "heartbeatAt");

-- CreateIndex
CREATE INDEX "ImportBatch_runId_idx" ON "ImportBatch"("runId");

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ImportRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

