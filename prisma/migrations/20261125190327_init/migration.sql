-- CreateTable
CREATE TABLE "Board" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "channelId" TEXT,
    "timezone" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'en',
    "cycleDays" INTEGER NOT NULL DEFAULT 14,
    "anchorDate" TEXT NOT NULL,
    "promptTime" TEXT NOT NULL DEFAULT '09:00',
    "nudgeDaysBefore" INTEGER NOT NULL DEFAULT 2,
    "reminderOffsets" TEXT NOT NULL DEFAULT '7,3,1,0',
    "deadline" TEXT,
    "categories" TEXT NOT NULL DEFAULT '[]',
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "nextProblemNumber" INTEGER NOT NULL DEFAULT 1,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BoardLeader" (
    "boardId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("boardId", "userId"),
    CONSTRAINT "BoardLeader_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Problem" (
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
    "status" TEXT NOT NULL DEFAULT 'open',
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

-- CreateTable
CREATE TABLE "Measure" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "problemId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "ownerId" TEXT,
    "deadline" TEXT,
    "status" TEXT NOT NULL DEFAULT 'todo',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Measure_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Update" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "problemId" INTEGER NOT NULL,
    "authorId" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "health" TEXT NOT NULL,
    "percent" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "measuresDone" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Update_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CloseoutRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "problemId" INTEGER NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CloseoutRequest_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "boardId" INTEGER,
    "recipient" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "claimedAt" DATETIME,
    "claimedBy" TEXT,
    "slackTs" TEXT,
    "channelId" TEXT,
    "payload" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Board_teamId_code_key" ON "Board"("teamId", "code");

-- CreateIndex
CREATE INDEX "BoardLeader_userId_idx" ON "BoardLeader"("userId");

-- CreateIndex
CREATE INDEX "Problem_teamId_ownerId_status_idx" ON "Problem"("teamId", "ownerId", "status");

-- CreateIndex
CREATE INDEX "Problem_boardId_status_deadline_idx" ON "Problem"("boardId", "status", "deadline");

-- CreateIndex
CREATE UNIQUE INDEX "Problem_boardId_number_key" ON "Problem"("boardId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Problem_teamId_key_key" ON "Problem"("teamId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Measure_problemId_number_key" ON "Measure"("problemId", "number");

-- CreateIndex
CREATE INDEX "Update_problemId_createdAt_idx" ON "Update"("problemId", "createdAt");

-- CreateIndex
CREATE INDEX "CloseoutRequest_problemId_state_idx" ON "CloseoutRequest"("problemId", "state");

-- CreateIndex
CREATE INDEX "AuditEvent_teamId_targetType_targetId_idx" ON "AuditEvent"("teamId", "targetType", "targetId");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_dedupeKey_key" ON "Delivery"("dedupeKey");

-- CreateIndex
CREATE INDEX "Delivery_state_claimedAt_idx" ON "Delivery"("state", "claimedAt");
