import { lowerThreadPriority } from '../../platform/threads.js';
import { reportContent, type ReportInput } from './report-content.js';
import { reportDocx } from './report-docx.js';
import { reportPdf } from './report-pdf.js';

// Laying out a document is CPU work: the main thread's acks come first.
lowerThreadPriority();

export type ReportFormat = 'docx' | 'pdf';

/** What the main thread sends: the report's data (plain, cloned), the chart's PNG and the format. */
export interface ReportTask {
  data: ReportInput['data'];
  lang: ReportInput['lang'];
  chart: Uint8Array | null;
  names?: Record<string, string>;
  format: ReportFormat;
}

/** A PNG's size, from its header (IHDR: width and height, big-endian, at bytes 16 and 20). */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The document's bytes, built in this worker thread (piscina calls the default export). */
export async function buildReport(task: ReportTask): Promise<Buffer> {
  const content = reportContent({
    data: task.data,
    lang: task.lang,
    chart: task.chart && task.chart.length > 24 ? { png: task.chart, ...pngSize(task.chart) } : null,
    ...(task.names && { names: task.names }),
  });
  return task.format === 'docx' ? reportDocx(content) : reportPdf(content);
}

export default buildReport;
