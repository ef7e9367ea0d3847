import { EventEmitter } from 'node:events';
import type { Clock } from '../../domain/clock.js';
import { BOARD_CHANNEL, dmOf, PERSONAS } from '../people.js';

/** A file the bot shared (summary charts, CSV and xlsx exports), or one a person attached in a modal. */
export interface StoredFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  bytes: Buffer | null;
  /** The person who attached it in the page (a file_input); absent for the bot's files. */
  uploadedBy?: string;
  /** When it was attached (a message timestamp: seconds.micro). */
  created?: string;
}

export interface Message {
  channel: string;
  ts: string;
  /** Who posted: the bot's user ID or a persona's. */
  user: string;
  text: string;
  blocks?: unknown[];
  threadTs?: string;
  /** Only this user sees it ("Only visible to you"). */
  ephemeralFor?: string;
  edited?: boolean;
  files?: StoredFile[];
  metadata?: unknown;
}

/** A modal or Home view as the bot published it, with the ID Slack gave it. */
export interface View {
  id: string;
  user: string;
  type: 'modal' | 'home';
  view: Record<string, unknown>;
  hash: string;
  /** Inline errors from a `response_action: errors` answer, by block ID. */
  errors?: Record<string, string>;
}

interface Channel {
  id: string;
  name: string;
  kind: 'channel' | 'im';
  /** For a DM: the person the bot talks to. */
  user?: string;
}

/**
 * What the embedded Slack holds: conversations with their messages, each person's modal stack and Home
 * view, and files. Everything changes through these methods, which emit `change` so the page refreshes.
 */
export class Workspace extends EventEmitter {
  readonly channels = new Map<string, Channel>();
  readonly messages: Message[] = [];
  readonly files = new Map<string, StoredFile>();
  /** Channel canvases (the live ledger): their channel and markdown, as the bot last wrote them. */
  readonly canvases = new Map<string, { id: string; channel: string; markdown: string }>();
  /** Open modals per user, bottom first. */
  readonly modals = new Map<string, View[]>();
  readonly homes = new Map<string, View>();
  private seq = 0;
  private lastTs = 0;
  version = 0;

  constructor(private readonly clock: Clock) {
    super();
    this.channels.set(BOARD_CHANNEL.id, { ...BOARD_CHANNEL, kind: 'channel' });
    for (const p of PERSONAS) this.channels.set(dmOf(p.id), { id: dmOf(p.id), name: p.id, kind: 'im', user: p.id });
  }

  /** Writes a canvas (creating it under `id` for `channel`), and tells the page. */
  writeCanvas(id: string, channel: string, markdown: string): void {
    this.canvases.set(id, { id, channel, markdown });
    this.version += 1;
    this.emit('change');
  }

  nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}${String(this.seq).padStart(8, '0')}`;
  }

  /** Slack message timestamps: seconds.micro, unique and increasing, on the playground's clock. */
  nextTs(): string {
    const micros = Math.max(this.clock.now().getTime() * 1000, this.lastTs + 1);
    this.lastTs = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  changed(): void {
    this.version += 1;
    this.emit('change', this.version);
  }

  post(m: Omit<Message, 'ts'>): Message {
    const message: Message = { ...m, ts: this.nextTs() };
    this.messages.push(message);
    this.changed();
    return message;
  }

  find(channel: string, ts: string): Message | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  /** chat.update marks the message edited; a response_url replacement does not. */
  update(
    channel: string,
    ts: string,
    patch: Partial<Pick<Message, 'text' | 'blocks' | 'metadata'>>,
    edited = true,
  ): Message | null {
    const m = this.find(channel, ts);
    if (!m) return null;
    Object.assign(m, patch, { edited: m.edited || edited });
    this.changed();
    return m;
  }

  remove(channel: string, ts: string): void {
    const i = this.messages.findIndex((m) => m.channel === channel && m.ts === ts);
    if (i >= 0) this.messages.splice(i, 1);
    this.changed();
  }

  /** The conversation's messages a user can see, oldest first. */
  visible(channel: string, user: string): Message[] {
    return this.messages.filter((m) => m.channel === channel && (!m.ephemeralFor || m.ephemeralFor === user));
  }

  findView(id: string): View | undefined {
    for (const stack of this.modals.values()) {
      const found = stack.find((v) => v.id === id);
      if (found) return found;
    }
    return [...this.homes.values()].find((v) => v.id === id);
  }

  openModal(user: string, view: Record<string, unknown>, push: boolean): View {
    const stack = push ? (this.modals.get(user) ?? []) : [];
    const opened: View = { id: this.nextId('V'), user, type: 'modal', view, hash: this.nextId('h') };
    stack.push(opened);
    this.modals.set(user, stack);
    this.changed();
    return opened;
  }

  replaceView(target: View, view: Record<string, unknown>): View {
    target.view = view;
    target.hash = this.nextId('h');
    delete target.errors;
    this.changed();
    return target;
  }

  /** Closes the top modal (or all of them). */
  closeModal(user: string, all = false): void {
    const stack = this.modals.get(user) ?? [];
    if (all) stack.length = 0;
    else stack.pop();
    this.changed();
  }

  publishHome(user: string, view: Record<string, unknown>): View {
    const existing = this.homes.get(user);
    if (existing) return this.replaceView(existing, view);
    const home: View = { id: this.nextId('V'), user, type: 'home', view, hash: this.nextId('h') };
    this.homes.set(user, home);
    this.changed();
    return home;
  }
}
