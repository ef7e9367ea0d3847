/** The playground server's page API (src/playground/page-api.ts), as the page sees it. */

import type { StateValues } from '../page-contract.js';

export type { StateValues };
export type Block = { type: string; block_id?: string } & Record<string, unknown>;

interface FileView {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  url: string;
}

export interface MessageView {
  ts: string;
  user: string;
  text: string;
  blocks: Block[] | null;
  threadTs: string | null;
  ephemeral: boolean;
  edited: boolean;
  files: FileView[];
}

export interface ViewState {
  id: string;
  hash: string;
  view: {
    type: string;
    title?: { text: string };
    submit?: { text: string };
    close?: { text: string };
    blocks?: Block[];
  };
  errors: Record<string, string> | null;
}

export interface Persona {
  id: string;
  role: 'admin' | 'leader' | 'owner';
  name: { en: string; zh: string };
}

export interface Snapshot {
  version: number;
  language: 'en' | 'zh-CN';
  strings: Record<string, string>;
  now: string;
  me: string;
  bot: { id: string; name: string };
  personas: Persona[];
  channels: { id: string; name: string; kind: 'channel' | 'im' }[];
  messages: Record<string, MessageView[]>;
  /** By channel: its canvas's markdown, as the bot last wrote it. */
  canvases: Record<string, { id: string; markdown: string }>;
  home: ViewState | null;
  modals: ViewState[];
}

export type { ElementAction } from '../page-contract.js';

export interface Outcome {
  ok: boolean;
  error?: string;
  sent?: number;
  at?: string;
}

export async function getState(user: string | null): Promise<Snapshot> {
  const res = await fetch(`/pg/state${user ? `?user=${encodeURIComponent(user)}` : ''}`);
  return (await res.json()) as Snapshot;
}

export async function post(path: string, body: unknown): Promise<Outcome> {
  const res = await fetch(`/pg/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Outcome;
}

/** Fills `{name}` placeholders in one of the page's strings. */
export function fill(template: string | undefined, params: Record<string, string | number> = {}): string {
  return (template ?? '').replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/** A file attached in a modal, as the stand-in described it (Slack's file object, the part the page shows). */
export interface UploadedFile {
  id: string;
  name: string;
  size: number;
}

/** Sends one chosen file's bytes to the stand-in, which keeps it for the modal's submission. */
export async function upload(user: string, file: File): Promise<{ ok: true; file: UploadedFile } | Outcome> {
  const res = await fetch(`/pg/upload?user=${encodeURIComponent(user)}&name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: file,
  });
  return (await res.json()) as { ok: true; file: UploadedFile } | Outcome;
}
