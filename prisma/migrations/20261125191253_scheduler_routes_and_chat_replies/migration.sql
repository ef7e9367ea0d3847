-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN "problemKeys" TEXT;

-- CreateTable
CREATE TABLE "ChatReply" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "threadTs" TEXT,
    "text" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "problemKey" TEXT,
    "updateId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Board" (
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
    "promptsTo" TEXT NOT NULL DEFAULT 'dm',
    "nudgesTo" TEXT NOT NULL DEFAULT 'channel',
    "remindersTo" TEXT NOT NULL DEFAULT 'dm',
    "digestTo" TEXT NOT NULL DEFAULT 'channel',
    "escalationTo" TEXT NOT NULL DEFAULT 'channel',
    "upcomingTo" TEXT NOT NULL DEFAULT 'channel',
    "nextProblemNumber" INTEGER NOT NULL DEFAULT 1,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Board" ("anchorDate", "archived", "categories", "channelId", "code", "createdAt", "createdBy", "cycleDays", "deadline", "id", "language", "name", "nextProblemNumber", "nudgeDaysBefore", "promptTime", "reminderOffsets", "teamId", "timezone", "updatedAt") SELECT "anchorDate", "archived", "categories", "channelId", "code", "createdAt", "createdBy", "cycleDays", "deadline", "id", "language", "name", "nextProblemNumber", "nudgeDaysBefore", "promptTime", "reminderOffsets", "teamId", "timezone", "updatedAt" FROM "Board";
DROP TABLE "Board";
ALTER TABLE "new_Board" RENAME TO "Board";
CREATE UNIQUE INDEX "Board_teamId_code_key" ON "Board"("teamId", "code");
CREATE TABLE "new_Update" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "problemId" INTEGER NOT NULL,
    "authorId" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "health" TEXT NOT NULL,
    "percent" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "measuresDone" TEXT NOT NULL DEFAULT '[]',
    "source" TEXT NOT NULL DEFAULT 'modal',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Update_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Update" ("authorId", "createdAt", "cycle", "health", "id", "measuresDone", "note", "percent", "problemId", "teamId") SELECT "authorId", "createdAt", "cycle", "health", "id", "measuresDone", "note", "percent", "problemId", "teamId" FROM "Update";
DROP TABLE "Update";
ALTER TABLE "new_Update" RENAME TO "Update";
CREATE INDEX "Update_problemId_createdAt_idx" ON "Update"("problemId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ChatReply_teamId_userId_state_idx" ON "ChatReply"("teamId", "userId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "ChatReply_channelId_ts_key" ON "ChatReply"("channelId", "ts");

-- CreateIndex
CREATE INDEX "Delivery_channelId_slackTs_idx" ON "Delivery"("channelId", "slackTs");
