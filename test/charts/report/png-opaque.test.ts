import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { opaquePng } from '../../../src/charts/report/png-opaque.js';

/** A PNG's chunks by type (Skia's decoder below checks their CRCs). */
function chunks(png: Buffer): Map<string, Buffer[]> {
  const out = new Map<string, Buffer[]>();
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    out.set(type, [...(out.get(type) ?? []), png.subarray(at + 8, at + 8 + length)]);
    at += 12 + length;
  }
  return out;
}

async function pixel(png: Uint8Array, x: number, y: number): Promise<number[]> {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return [...ctx.getImageData(x, y, 1, 1).data];
}

describe('opaquePng: the chart for the PDF, RGB on white', () => {
  it('keeps every pixel, flattening transparency onto white, through all of PNG’s row filters', async () => {
    // Gradients and shapes make Skia's encoder pick Sub, Up, Average and Paeth rows.
    const canvas = createCanvas(301, 97);
    const ctx = canvas.getContext('2d');
    const g = ctx.createLinearGradient(0, 0, 301, 97);
    g.addColorStop(0, '#1f4e79');
    g.addColorStop(1, '#f4b183');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, 200, 97);
    ctx.fillStyle = 'rgba(200, 30, 30, 0.5)';
    ctx.beginPath();
    ctx.arc(220, 48, 40, 0, Math.PI * 2);
    ctx.fill();
    const rgba = canvas.encodeSync('png');
    expect(rgba[25]).toBe(6);
    const rgb = Buffer.from(opaquePng(rgba));
    expect(rgb[25]).toBe(2);
    expect([...chunks(rgb).keys()]).toEqual(['IHDR', 'IDAT', 'IEND']);
    for (const [x, y] of [
      [0, 0],
      [150, 50],
      [199, 96],
      [220, 48],
      [260, 10],
      [300, 96],
    ] as const) {
      const [r, gg, b, a] = await pixel(rgba, x, y);
      const white = (v: number) => Math.round((v * a! + 255 * (255 - a!)) / 255);
      const got = await pixel(rgb, x, y);
      expect(got[3]).toBe(255);
      for (const [i, v] of [r!, gg!, b!].entries()) expect(Math.abs(got[i]! - white(v))).toBeLessThanOrEqual(1);
    }
  });

  it('leaves what it does not handle as it was', () => {
    const notPng = new Uint8Array([1, 2, 3]);
    expect(opaquePng(notPng)).toBe(notPng);
    const canvas = createCanvas(4, 4);
    const png = canvas.encodeSync('jpeg');
    expect(opaquePng(png)).toBe(png);
  });
});
