-- Display names as Slack last gave them, for documents made without Slack (issue 24: the CLI's report).
-- CreateTable
CREATE TABLE "Person" (
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("teamId", "userId")
);
