-- AlterTable
ALTER TABLE "Measure" ADD COLUMN "retiredAt" DATETIME;

-- CreateTable
CREATE TABLE "DeadlineChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "problemId" INTEGER NOT NULL,
    "fromDate" TEXT,
    "toDate" TEXT,
    "extended" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeadlineChange_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Problem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "boardId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "category" TEXT,
    "source" TEXT,
    "ownerId" TEXT NOT NULL,
    "unit" TEXT,
    "deadline" TEXT,
    "originalDeadline" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "withdrawnFrom" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "nextMeasureNumber" INTEGER NOT NULL DEFAULT 1,
    "lastUpdateAt" DATETIME,
    "percent" INTEGER NOT NULL DEFAULT 0,
    "health" TEXT,
    "closedAt" DATETIME,
    "closedBy" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Problem_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Problem" ("boardId", "category", "closedAt", "closedBy", "createdAt", "createdBy", "deadline", "description", "health", "id", "key", "lastUpdateAt", "nextMeasureNumber", "number", "ownerId", "percent", "source", "status", "teamId", "title", "unit", "updatedAt") SELECT "boardId", "category", "closedAt", "closedBy", "createdAt", "createdBy", "deadline", "description", "health", "id", "key", "lastUpdateAt", "nextMeasureNumber", "number", "ownerId", "percent", "source", "status", "teamId", "title", "unit", "updatedAt" FROM "Problem";
DROP TABLE "Problem";
ALTER TABLE "new_Problem" RENAME TO "Problem";
CREATE INDEX "Problem_teamId_ownerId_status_idx" ON "Problem"("teamId", "ownerId", "status");
CREATE INDEX "Problem_boardId_status_deadline_idx" ON "Problem"("boardId", "status", "deadline");
CREATE UNIQUE INDEX "Problem_boardId_number_key" ON "Problem"("boardId", "number");
CREATE UNIQUE INDEX "Problem_teamId_key_key" ON "Problem"("teamId", "key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "DeadlineChange_problemId_createdAt_idx" ON "DeadlineChange"("problemId", "createdAt");
