-- CreateTable
CREATE TABLE "EffectivenessCheck" (
    "id" SERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "boardId" INTEGER NOT NULL,
    "problemId" INTEGER NOT NULL,
    "requestId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3) NOT NULL,
    "dueDate" TEXT NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL DEFAULT 'waiting',
    "answeredBy" TEXT,
    "answeredAt" TIMESTAMP(3),
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EffectivenessCheck_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EffectivenessCheck_boardId_state_dueDate_idx" ON "EffectivenessCheck"("boardId", "state", "dueDate");

-- CreateIndex
CREATE INDEX "EffectivenessCheck_problemId_state_idx" ON "EffectivenessCheck"("problemId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "EffectivenessCheck_requestId_kind_key" ON "EffectivenessCheck"("requestId", "kind");

-- AddForeignKey
ALTER TABLE "EffectivenessCheck" ADD CONSTRAINT "EffectivenessCheck_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

