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

-- A chat reply's answer is owed until posted: a redelivered event or a restart answers a reply that was
-- stored but never answered. Replies stored before this migration count as answered.
ALTER TABLE "ChatReply" ADD COLUMN "answerClaimedAt" DATETIME;
ALTER TABLE "ChatReply" ADD COLUMN "answeredAt" DATETIME;
UPDATE "ChatReply" SET "answeredAt" = "updatedAt";
