-- Effectiveness checks (issue 23): whether a closed problem's fix held, asked after the closeout.
-- CreateTable
CREATE TABLE "EffectivenessCheck" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "boardId" INTEGER NOT NULL,
    "problemId" INTEGER NOT NULL,
    "requestId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "closedAt" DATETIME NOT NULL,
    "dueDate" TEXT NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL DEFAULT 'waiting',
    "answeredBy" TEXT,
    "answeredAt" DATETIME,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "EffectivenessCheck_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "EffectivenessCheck_requestId_kind_key" ON "EffectivenessCheck"("requestId", "kind");

-- CreateIndex
CREATE INDEX "EffectivenessCheck_boardId_state_dueDate_idx" ON "EffectivenessCheck"("boardId", "state", "dueDate");

-- CreateIndex
CREATE INDEX "EffectivenessCheck_problemId_state_idx" ON "EffectivenessCheck"("problemId", "state");
