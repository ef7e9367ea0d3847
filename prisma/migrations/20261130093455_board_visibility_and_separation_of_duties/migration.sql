-- Board visibility (open | restricted) and separation of duties (on by default). Added columns rather
-- than a table rebuild: existing boards keep today's behaviour for visibility and get the safer default.
ALTER TABLE "Board" ADD COLUMN "visibility" TEXT NOT NULL DEFAULT 'open';
ALTER TABLE "Board" ADD COLUMN "separationOfDuties" BOOLEAN NOT NULL DEFAULT true;
