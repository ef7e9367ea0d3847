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
