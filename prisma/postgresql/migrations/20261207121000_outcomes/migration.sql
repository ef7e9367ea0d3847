-- CreateEnum
CREATE TYPE "ExtensionState" AS ENUM ('pending', 'approved', 'refused');

-- AlterEnum
ALTER TYPE "CloseoutState" ADD VALUE 'not_rectifiable';

-- AlterTable
ALTER TABLE "Board" ADD COLUMN     "effectivenessDays" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "evidenceRequired" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "CloseoutRequest" ADD COLUMN     "followUpDate" TEXT,
ADD COLUMN     "mechanisms" TEXT,
ADD COLUMN     "outcome" TEXT;

-- AlterTable
ALTER TABLE "DeadlineChange" ADD COLUMN     "requestedBy" TEXT;

-- CreateTable
CREATE TABLE "EvidenceFile" (
    "id" SERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "requestId" INTEGER NOT NULL,
    "fileId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "filetype" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "permalink" TEXT NOT NULL,
    "addedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EvidenceFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExtensionRequest" (
    "id" SERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "problemId" INTEGER NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "fromDate" TEXT,
    "toDate" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "state" "ExtensionState" NOT NULL DEFAULT 'pending',
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExtensionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceFile_requestId_fileId_key" ON "EvidenceFile"("requestId", "fileId");

-- CreateIndex
CREATE INDEX "ExtensionRequest_problemId_state_idx" ON "ExtensionRequest"("problemId", "state");

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "CloseoutRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExtensionRequest" ADD CONSTRAINT "ExtensionRequest_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

