-- CreateEnum
CREATE TYPE "BoardVisibility" AS ENUM ('open', 'restricted');

-- AlterTable
ALTER TABLE "Board" ADD COLUMN     "separationOfDuties" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "visibility" "BoardVisibility" NOT NULL DEFAULT 'open';

