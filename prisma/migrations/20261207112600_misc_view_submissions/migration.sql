-- One row per modal submission that created or decided something (issue 20): Slack's view id is the
-- idempotency key, so pressing Submit again after Slack's timeout replays the result instead of writing twice.
CREATE TABLE "ViewSubmission" (
    "viewId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("viewId", "kind")
);
