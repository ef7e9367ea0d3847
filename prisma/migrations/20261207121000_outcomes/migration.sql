-- Closing out as auditors expect (issue 23): evidence files on a closeout request, an outcome for each
-- approval (rectified / long-term, with its lasting mechanisms and follow-up date), "not rectifiable" as a
-- decision that keeps the problem open, and the board settings that go with them.
-- Board columns are added in place (no table rebuild), so other branches' Board changes merge cleanly.
ALTER TABLE "Board" ADD COLUMN "evidenceRequired" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Board" ADD COLUMN "effectivenessDays" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "CloseoutRequest" ADD COLUMN "followUpDate" TEXT;
ALTER TABLE "CloseoutRequest" ADD COLUMN "mechanisms" TEXT;
ALTER TABLE "CloseoutRequest" ADD COLUMN "outcome" TEXT;

CREATE TABLE "EvidenceFile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "requestId" INTEGER NOT NULL,
    "fileId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "filetype" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "permalink" TEXT NOT NULL,
    "addedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "EvidenceFile_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "CloseoutRequest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "EvidenceFile_requestId_fileId_key" ON "EvidenceFile"("requestId", "fileId");

-- An owner's request for more time (issue 23): who asked, until when and why; a leader decides. The deadline
-- history records who asked for a change it granted.
ALTER TABLE "DeadlineChange" ADD COLUMN "requestedBy" TEXT;

CREATE TABLE "ExtensionRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "problemId" INTEGER NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "fromDate" TEXT,
    "toDate" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ExtensionRequest_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "ExtensionRequest_problemId_state_idx" ON "ExtensionRequest"("problemId", "state");
