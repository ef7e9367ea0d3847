-- People away (issue 22): one absence per person and workspace, with an optional delegate.
-- CreateTable
CREATE TABLE "Absence" (
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "delegateId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("teamId", "userId")
);

-- A deputy per leader for sign-off while the leader is away; the leader a deputy decided for.
ALTER TABLE "CloseoutRequest" ADD COLUMN "decidedFor" TEXT;

-- CreateTable
CREATE TABLE "Deputy" (
    "teamId" TEXT NOT NULL,
    "leaderId" TEXT NOT NULL,
    "deputyId" TEXT NOT NULL,
    "until" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("teamId", "leaderId")
);
