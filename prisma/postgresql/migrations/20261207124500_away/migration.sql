-- AlterTable
ALTER TABLE "CloseoutRequest" ADD COLUMN     "decidedFor" TEXT;

-- CreateTable
CREATE TABLE "Absence" (
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "delegateId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Absence_pkey" PRIMARY KEY ("teamId","userId")
);

-- CreateTable
CREATE TABLE "Deputy" (
    "teamId" TEXT NOT NULL,
    "leaderId" TEXT NOT NULL,
    "deputyId" TEXT NOT NULL,
    "until" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Deputy_pkey" PRIMARY KEY ("teamId","leaderId")
);

