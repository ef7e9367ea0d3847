-- CreateTable
CREATE TABLE "ViewSubmission" (
    "viewId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ViewSubmission_pkey" PRIMARY KEY ("viewId","kind")
);

