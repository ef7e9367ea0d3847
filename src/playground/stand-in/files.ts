import { MAX_INPUT_FILES, MAX_UPLOAD_BYTES } from '../page-contract.js';
import type { StoredFile, Workspace } from './workspace.js';

/**
 * Files people attach in the page (a modal's `file_input`) are kept in memory like the rest of the
 * stand-in: bounded per file (MAX_UPLOAD_BYTES) and in all, so a page left open cannot fill the memory.
 */
export const MAX_UPLOADS_BYTES = 100 * 1024 * 1024;
/** And in number: empty files cost no bytes but each is an entry with its name. */
export const MAX_UPLOADS = 1000;

/** The content types the playground serves back as they are; anything else is served as bytes. */
const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** A file's extension as Slack's `filetype` ("pdf", "docx"), lower case; '' without one. */
function filetypeOf(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  return /^[a-z0-9]{1,10}$/.test(ext) ? ext : '';
}

/** The content type a file is stored and served with: known kinds by extension, else plain bytes. */
export function mimeOf(name: string): string {
  return TYPES[filetypeOf(name)] ?? 'application/octet-stream';
}

/**
 * A name as the browser sent it, made safe to keep and show: no folders, no control characters, no bidi
 * controls (U+202E would show "invoice\u202Efdp.exe" as "invoiceexe.pdf"), not only dots (the permalink ends
 * with the name, and /files/F1/.. is /files/ to a browser), bounded.
 */
export function safeName(raw: string): string {
  const base = raw.slice(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
  const clean = Array.from(
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    base.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim(),
  );
  return clean.length && clean.some((c) => c !== '.') ? clean.slice(-200).join('') : 'file';
}

type UploadAnswer = { ok: true; file: SlackFile } | { ok: false; error: 'file_too_large' | 'uploads_full' };

/** A file as Slack describes it in a file_input's state and in files.info. */
interface SlackFile {
  id: string;
  created: number;
  timestamp: number;
  name: string;
  title: string;
  filetype: string;
  mimetype: string;
  size: number;
  user: string;
  permalink: string;
  url_private: string;
  url_private_download: string;
}

/** Keeps a person's upload; refused when it is too large or the playground holds too much already. */
export function keepUpload(ws: Workspace, base: string, user: string, rawName: string, bytes: Buffer): UploadAnswer {
  if (bytes.length > MAX_UPLOAD_BYTES) return { ok: false, error: 'file_too_large' };
  const uploads = [...ws.files.values()].filter((f) => f.uploadedBy);
  const held = uploads.reduce((n, f) => n + (f.bytes?.length ?? 0), 0);
  if (held + bytes.length > MAX_UPLOADS_BYTES || uploads.length >= MAX_UPLOADS)
    return { ok: false, error: 'uploads_full' };
  const name = safeName(rawName);
  const file: StoredFile = {
    id: ws.nextId('F'),
    name,
    title: name,
    mimetype: mimeOf(name),
    bytes,
    uploadedBy: user,
    created: ws.nextTs(),
  };
  ws.files.set(file.id, file);
  return { ok: true, file: slackFile(file, base) };
}

/** Where a file is served back: the playground's own URL (its permalink and private URL alike). */
function fileUrl(file: StoredFile, base: string): string {
  return `${base}/files/${file.id}/${encodeURIComponent(file.name)}`;
}

export function slackFile(file: StoredFile, base: string): SlackFile {
  const url = fileUrl(file, base);
  const created = Math.floor(Number(file.created ?? 0));
  return {
    id: file.id,
    created,
    timestamp: created,
    name: file.name,
    title: file.title,
    filetype: filetypeOf(file.name),
    mimetype: file.mimetype,
    size: file.bytes?.length ?? 0,
    user: file.uploadedBy ?? '',
    permalink: url,
    url_private: url,
    url_private_download: url,
  };
}

/**
 * The headers a file is served with. What a person uploaded is always a download (attachment), with a
 * known content type or plain bytes, never sniffed, and sandboxed if a browser shows it anyway: an uploaded
 * HTML page must never run as the playground. The bot's own charts show inline.
 */
export function servingHeaders(file: StoredFile & { bytes: Buffer }): Record<string, string | number> {
  const inline = !file.uploadedBy && file.mimetype === 'image/png';
  return {
    'content-type': file.uploadedBy ? mimeOf(file.name) : file.mimetype,
    'content-length': file.bytes.length,
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': 'sandbox; default-src none',
    'cache-control': 'private, no-store',
  };
}

/**
 * A file_input's state as the page sent it, as Slack would send it: each file the person uploaded here,
 * described in full (nothing the page claimed about it is kept); files not theirs, or unknown, are dropped.
 */
export function filesState(ws: Workspace, base: string, user: string, claimed: unknown): SlackFile[] {
  if (!Array.isArray(claimed)) return [];
  const idOf = (c: unknown) => (typeof c === 'object' && c !== null && 'id' in c ? String(c.id) : '');
  return claimed
    .slice(0, MAX_INPUT_FILES)
    .map((c) => ws.files.get(idOf(c)))
    .filter((f): f is StoredFile => Boolean(f?.bytes && f.uploadedBy === user))
    .map((f) => slackFile(f, base));
}
