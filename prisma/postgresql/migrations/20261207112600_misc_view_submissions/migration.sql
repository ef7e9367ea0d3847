-- AlterTable
ALTER TABLE "ChatReply" ADD COLUMN     "answerClaimedAt" TIMESTAMP(3),
ADD COLUMN     "answeredAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ViewSubmission" (
    "viewId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ViewSubmission_pkey" PRIMARY KEY ("viewId","kind")
);


-- Replies stored before this migration count as answered (as in the SQLite migration).
UPDATE "ChatReply" SET "answeredAt" = "updatedAt";
