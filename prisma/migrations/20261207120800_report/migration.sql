-- The progress report at each round's end (off | docx | pdf) and the live ledger in the board's channel
-- (off | canvas), with the canvas once created and Slack's refusal once told (issue 24). Added columns:
-- existing boards keep today's behaviour.
ALTER TABLE "Board" ADD COLUMN "roundReport" TEXT NOT NULL DEFAULT 'off';
ALTER TABLE "Board" ADD COLUMN "ledger" TEXT NOT NULL DEFAULT 'off';
ALTER TABLE "Board" ADD COLUMN "ledgerCanvasId" TEXT;
ALTER TABLE "Board" ADD COLUMN "ledgerRefused" TEXT;
