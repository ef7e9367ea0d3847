-- AlterEnum
ALTER TYPE "CloseoutState" ADD VALUE 'not_rectifiable';

-- AlterTable
ALTER TABLE "Board" ADD COLUMN     "effectivenessDays" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "evidenceRequired" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "CloseoutRequest" ADD COLUMN     "followUpDate" TEXT,
ADD COLUMN     "mechanisms" TEXT,
ADD COLUMN     "outcome" TEXT;

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

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceFile_requestId_fileId_key" ON "EvidenceFile"("requestId", "fileId");

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "CloseoutRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

