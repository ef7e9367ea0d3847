import { describe, expect, it } from 'vitest';
import { parseEvidenceShare } from '../../../src/slack/parsers/evidence-share.js';

const share = (over: Record<string, unknown>) => ({
  type: 'message',
  subtype: 'file_share',
  channel: 'DOWNER',
  channel_type: 'im',
  user: 'UOWNER',
  ts: '1700000000.000100',
  text: 'RECT-12 proof',
  files: [{ id: 'F0ONE', name: 'proof.pdf' }],
  ...over,
});

describe('parseEvidenceShare', () => {
  it('finds the first key in a DM, with the punctuation around it taken off', () => {
    expect(parseEvidenceShare(share({ text: '整改材料（rect-12）和 RECT-13' }))).toMatchObject({
      key: 'RECT-12',
      files: [{ id: 'F0ONE', name: 'proof.pdf' }],
    });
    expect(parseEvidenceShare(share({ text: 'see (RECT-7):' }))?.key).toBe('RECT-7');
  });

  it('takes a thread reply in a channel, but not a channel message outside a thread', () => {
    const inThread = share({ channel: 'C0BOARD', channel_type: 'channel', thread_ts: '1700000000.000001' });
    expect(parseEvidenceShare(inThread)).toMatchObject({ key: 'RECT-12', threadTs: '1700000000.000001' });
    expect(parseEvidenceShare(share({ channel: 'C0BOARD', channel_type: 'channel' }))).toBeNull();
  });

  it('leaves list files (imports), bots, messages without a key and other events alone', () => {
    expect(parseEvidenceShare(share({ files: [{ id: 'F0LIST', name: 'list.xlsx' }] }))).toBeNull();
    expect(parseEvidenceShare(share({ bot_id: 'B1' }))).toBeNull();
    expect(parseEvidenceShare(share({ text: 'the proof' }))).toBeNull();
    expect(parseEvidenceShare({ type: 'message', text: 'RECT-12' })).toBeNull();
  });

  it('keeps at most ten files', () => {
    const files = Array.from({ length: 30 }, (_, i) => ({ id: `F0N${i}`, name: `${i}.pdf` }));
    expect(parseEvidenceShare(share({ files }))?.files).toHaveLength(10);
  });

  it('reads a hostile 40,000-character message quickly (linear)', () => {
    const text = `${','.repeat(39_990)}a RECT-1`;
    const started = performance.now();
    expect(parseEvidenceShare(share({ text }))?.key).toBe('RECT-1');
    expect(performance.now() - started).toBeLessThan(500);
  });
});
