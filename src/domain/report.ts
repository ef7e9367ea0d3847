/**
 * The progress report's "what comes next" (issue 24): deadlines this many days ahead, inclusive. Here, below
 * both, because the report's query (services/report-data.ts) and its words (charts/report/report-content.ts)
 * both need it, and the report worker must not load the services (and with them Prisma and zod) for it.
 */
export const REPORT_NEXT_DAYS = 30;
