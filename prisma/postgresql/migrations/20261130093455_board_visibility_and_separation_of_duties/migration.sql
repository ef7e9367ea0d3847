-- CreateEnum
CREATE TYPE "BoardVisibility" AS ENUM ('open', 'restricted');

-- AlterEnum
ALTER TYPE "ProblemStatus" ADD VALUE 'withdrawn';

-- AlterTable
ALTER TABLE "Board" ADD COLUMN     "separationOfDuties" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "visibility" "BoardVisibility" NOT NULL DEFAULT 'open';

-- AlterTable
ALTER TABLE "Measure" ADD COLUMN     "retiredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Problem" ADD COLUMN     "originalDeadline" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "withdrawnFrom" "ProblemStatus";

-- CreateTable
CREATE TABLE "DeadlineChange" (
    "id" SERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "problemId" INTEGER NOT NULL,
    "fromDate" TEXT,
    "toDate" TEXT,
    "extended" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeadlineChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeadlineChange_problemId_createdAt_idx" ON "DeadlineChange"("problemId", "createdAt");

-- AddForeignKey
ALTER TABLE "DeadlineChange" ADD CONSTRAINT "DeadlineChange_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

