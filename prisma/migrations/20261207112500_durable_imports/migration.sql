-- CreateTable
CREATE TABLE "ImportRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "boardId" INTEGER NOT NULL,
    "actorId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'running',
    "at" DATETIME NOT NULL,
    "rows" INTEGER NOT NULL,
    "rowsDone" INTEGER NOT NULL DEFAULT 0,
    "owner" TEXT NOT NULL,
    "heartbeatAt" DATETIME NOT NULL,
    "kept" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "journal" TEXT NOT NULL,
    CONSTRAINT "ImportBatch_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ImportRun" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ImportRun_state_heartbeatAt_idx" ON "ImportRun"("state", "heartbeatAt");

-- CreateIndex
CREATE INDEX "ImportBatch_runId_idx" ON "ImportBatch"("runId");

