-- Working-day calendars (issue 22). Existing boards keep "none" (every day a working day, as before)
-- until a leader picks a calendar; new boards get CLOSEOUT_CALENDAR's default from the app.
ALTER TABLE "Board" ADD COLUMN "calendar" TEXT NOT NULL DEFAULT 'none';

-- CreateTable
CREATE TABLE "CalendarDay" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "boardId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL DEFAULT 'leader',
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CalendarDay_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CalendarNotice" (
    "boardId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "audience" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("boardId", "year", "audience")
);

-- CreateIndex
CREATE UNIQUE INDEX "CalendarDay_boardId_date_key" ON "CalendarDay"("boardId", "date");
