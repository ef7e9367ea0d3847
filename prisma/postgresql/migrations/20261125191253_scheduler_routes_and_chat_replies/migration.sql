-- CreateEnum
CREATE TYPE "ProblemStatus" AS ENUM ('open', 'in_progress', 'closeout_requested', 'closed');

-- CreateEnum
CREATE TYPE "MeasureStatus" AS ENUM ('todo', 'doing', 'done');

-- CreateEnum
CREATE TYPE "Health" AS ENUM ('on_track', 'at_risk', 'blocked');

-- CreateEnum
CREATE TYPE "CloseoutState" AS ENUM ('pending', 'approved', 'returned');

-- CreateEnum
CREATE TYPE "Route" AS ENUM ('dm', 'channel', 'both');

-- CreateEnum
CREATE TYPE "ReplyState" AS ENUM ('pending', 'recorded', 'dismissed');

-- CreateEnum
CREATE TYPE "DeliveryState" AS ENUM ('pending', 'sending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "Board" (
    "id" SERIAL NOT NULL,
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
    "promptsTo" "Route" NOT NULL DEFAULT 'dm',
    "nudgesTo" "Route" NOT NULL DEFAULT 'channel',
    "remindersTo" "Route" NOT NULL DEFAULT 'dm',
    "digestTo" "Route" NOT NULL DEFAULT 'channel',
    "escalationTo" "Route" NOT NULL DEFAULT 'channel',
    "upcomingTo" "Route" NOT NULL DEFAULT 'channel',
    "nextProblemNumber" INTEGER NOT NULL DEFAULT 1,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Board_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoardLeader" (
    "boardId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "BoardLeader_pkey" PRIMARY KEY ("boardId","userId")
);

-- CreateTable
CREATE TABLE "Problem" (
    "id" SERIAL NOT NULL,
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
    "status" "ProblemStatus" NOT NULL DEFAULT 'open',
    "nextMeasureNumber" INTEGER NOT NULL DEFAULT 1,
    "lastUpdateAt" TIMESTAMP(3),
    "percent" INTEGER NOT NULL DEFAULT 0,
    "health" "Health",
    "closedAt" TIMESTAMP(3),
    "closedBy" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Problem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Measure" (
    "id" SERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "problemId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "ownerId" TEXT,
    "deadline" TEXT,
    "status" "MeasureStatus" NOT NULL DEFAULT 'todo',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Measure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Update" (
    "id" SERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "problemId" INTEGER NOT NULL,
    "authorId" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "health" "Health" NOT NULL,
    "percent" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "measuresDone" TEXT NOT NULL DEFAULT '[]',
    "source" TEXT NOT NULL DEFAULT 'modal',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Update_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CloseoutRequest" (
    "id" SERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "problemId" INTEGER NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "state" "CloseoutState" NOT NULL DEFAULT 'pending',
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CloseoutRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" SERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "boardId" INTEGER,
    "recipient" TEXT NOT NULL,
    "state" "DeliveryState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "claimedAt" TIMESTAMP(3),
    "claimedBy" TEXT,
    "slackTs" TEXT,
    "channelId" TEXT,
    "payload" TEXT,
    "problemKeys" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatReply" (
    "id" SERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "threadTs" TEXT,
    "text" TEXT NOT NULL,
    "state" "ReplyState" NOT NULL DEFAULT 'pending',
    "problemKey" TEXT,
    "updateId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatReply_pkey" PRIMARY KEY ("id")
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

-- CreateIndex
CREATE INDEX "Delivery_channelId_slackTs_idx" ON "Delivery"("channelId", "slackTs");

-- CreateIndex
CREATE INDEX "ChatReply_teamId_userId_state_idx" ON "ChatReply"("teamId", "userId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "ChatReply_channelId_ts_key" ON "ChatReply"("channelId", "ts");

-- AddForeignKey
ALTER TABLE "BoardLeader" ADD CONSTRAINT "BoardLeader_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Problem" ADD CONSTRAINT "Problem_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Update" ADD CONSTRAINT "Update_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CloseoutRequest" ADD CONSTRAINT "CloseoutRequest_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

