import fs from 'node:fs/promises';
import { UserError } from './errors.js';

/**
 * Reads a file named on the command line, at most `maxBytes` of it. Only a regular file: a FIFO would block
 * the read until someone writes to it, and /dev/zero (or a symlink to it named list.csv) never ends, so the
 * command hung until the machine ran out of memory. Too large a file is refused before a byte is read.
 * `tooLarge` says what the limit is for, in the message.
 */
export async function readInputFile(file: string, maxBytes: number, tooLarge: string): Promise<Buffer> {
  const why = (err: unknown) => {
    const code = err instanceof Error && 'code' in err ? err.code : undefined;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EISDIR') return 'it is a folder';
    return err instanceof Error ? err.message : String(err);
  };
  // Bytes for small limits (a calendar's 1,000,000), MB for large ones.
  const mb = (n: number) =>
    maxBytes < 10 * 1024 * 1024 ? `${n.toLocaleString('en')} bytes` : `${(n / 1024 / 1024).toFixed(1)} MB`;
  // stat, not open: opening a FIFO for reading waits for a writer.
  const stat = await fs.stat(file).catch((err: unknown) => {
    throw new UserError(`Cannot read ${file}: ${why(err)}.`);
  });
  if (stat.isDirectory()) throw new UserError(`Cannot read ${file}: it is a folder.`);
  if (!stat.isFile()) throw new UserError(`Cannot read ${file}: it is not a regular file.`);
  if (stat.size > maxBytes) {
    throw new UserError(`Cannot read ${file}: it is ${mb(stat.size)}; ${tooLarge} may be at most ${mb(maxBytes)}.`);
  }
  const handle = await fs.open(file, 'r').catch((err: unknown) => {
    throw new UserError(`Cannot read ${file}: ${why(err)}.`);
  });
  try {
    // Read to the end, but never past the limit: a file that grew since stat is refused as well.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, maxBytes + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > maxBytes) throw new UserError(`Cannot read ${file}: ${tooLarge} may be at most ${mb(maxBytes)}.`);
    }
    return Buffer.concat(chunks, length);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`Cannot read ${file}: ${why(err)}.`);
  } finally {
    await handle.close();
  }
}
