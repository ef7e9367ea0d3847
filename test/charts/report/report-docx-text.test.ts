import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { reportDocx } from '../../../src/charts/report/report-docx.js';

/**
 * Text in a report comes from people (titles and notes typed or imported, display names): a control
 * character there is not allowed in XML 1.0, and Word refuses the whole document. They are left out.
 */
describe('the Word report with control characters in its text', () => {
  it('writes XML without them, and keeps the rest of the text', async () => {
    const dirty = 'Leak\u0001 in\u0008 pipe\u000b\u001f\uffff';
    const bytes = await reportDocx({
      title: `Report ${dirty}`,
      page: (p, n) => `${p}/${n}`,
      blocks: [
        { kind: 'title', text: dirty },
        { kind: 'table', head: ['Title'], rows: [[`${dirty}\nline two`]], widths: [1], align: ['left'] },
      ],
    });
    const zip = await JSZip.loadAsync(bytes);
    for (const name of ['word/document.xml', 'docProps/core.xml']) {
      const xml = await zip.file(name)!.async('string');
      // eslint-disable-next-line no-control-regex -- what XML 1.0 forbids
      expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    }
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('Leak in pipe');
    expect(xml).toContain('line two');
  });
});
