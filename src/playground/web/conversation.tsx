import { useEffect, useRef, useState } from 'preact/hooks';
import type { MessageView } from './api.js';
import { Blocks } from './blocks.js';
import { usePage } from './context.js';
import { Mrkdwn } from './mrkdwn.js';

const SUBCOMMANDS = ['help', 'new', 'list', 'show', 'report', 'close', 'summary', 'export', 'board'];

function timeOf(ts: string, lang: string): string {
  return new Date(Number(ts) * 1000).toLocaleString(lang, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

function Avatar({ user }: { user: string }) {
  const { snap, nameOf } = usePage();
  if (user === snap.bot.id) return <div class="avatar bot">✓</div>;
  if (user === 'USLACKBOT') return <div class="avatar slackbot">S</div>;
  const hue = [...user].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
  return (
    <div class="avatar" style={{ background: `hsl(${hue} 45% 45%)` }}>
      {nameOf(user).slice(0, 1)}
    </div>
  );
}

/** One message as Slack draws it: avatar, name, time, then its blocks (or text) and files. */
export function Message({
  m,
  channel,
  onThread,
  replies,
}: {
  m: MessageView;
  channel: string;
  onThread?: () => void;
  replies?: number;
}) {
  const { snap, nameOf, t } = usePage();
  const isBot = m.user === snap.bot.id || m.user === 'USLACKBOT';
  return (
    <div class={`message${m.ephemeral ? ' ephemeral' : ''}`} data-ts={m.ts} data-user={m.user}>
      <Avatar user={m.user} />
      <div class="message-main">
        <div class="message-head">
          <span class="author">
            {m.user === 'USLACKBOT' ? 'Slackbot' : m.user === snap.bot.id ? snap.bot.name : nameOf(m.user)}
          </span>
          {isBot && <span class="app-badge">{t('playground.app')}</span>}
          <span class="time">{timeOf(m.ts, snap.language)}</span>
          {m.ephemeral && <span class="only-you">👁 {t('playground.ephemeral')}</span>}
        </div>
        {m.blocks?.length ? (
          <Blocks blocks={m.blocks} source={{ channel, ts: m.ts }} />
        ) : m.text ? (
          <div class="message-text">
            <Mrkdwn text={m.text} />
          </div>
        ) : null}
        {m.edited && <span class="edited">{t('playground.edited')}</span>}
        {m.files.map((f) =>
          f.mimetype.startsWith('image/') ? (
            <figure key={f.id} class="file image-file">
              <figcaption>{f.title}</figcaption>
              <img src={f.url} alt={f.title} />
            </figure>
          ) : (
            <a key={f.id} class="file doc-file" href={f.url} download={f.name}>
              <span class="file-icon">
                {f.name.endsWith('.csv') ? 'CSV' : f.name.endsWith('.xlsx') ? 'XLSX' : 'FILE'}
              </span>
              <span class="file-name">{f.title}</span>
              <span class="file-action">{t('playground.download')}</span>
            </a>
          ),
        )}
        {onThread && replies ? (
          <button type="button" class="replies" onClick={onThread}>
            {t('playground.replies', { count: replies })}
          </button>
        ) : null}
      </div>
    </div>
  );
}

/** A conversation's top-level messages, newest at the bottom, with reply counts for threads. */
export function MessageList({ channel, openThread }: { channel: string; openThread: (ts: string) => void }) {
  const { snap, t } = usePage();
  const all = snap.messages[channel] ?? [];
  const top = all.filter((m) => !m.threadTs || m.threadTs === m.ts);
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => end.current?.scrollIntoView({ block: 'end' }), [channel, all.length]);
  return (
    <div
      class="messages"
      data-channel={channel}
      // A chart that finishes loading near the bottom pushes the end out of view: follow it, as Slack does.
      onLoadCapture={(e) => {
        const box = e.currentTarget;
        if (box.scrollHeight - box.scrollTop - box.clientHeight < 800) end.current?.scrollIntoView({ block: 'end' });
      }}
    >
      {top.length === 0 && <div class="empty">{t('playground.empty')}</div>}
      {top.map((m) => {
        const replies = all.filter((r) => r.threadTs === m.ts && r.ts !== m.ts).length;
        return <Message key={m.ts} m={m} channel={channel} replies={replies} onThread={() => openThread(m.ts)} />;
      })}
      <div ref={end} />
    </div>
  );
}

export function ThreadPanel({
  channel,
  ts,
  onClose,
  send,
}: {
  channel: string;
  ts: string;
  onClose: () => void;
  send: (text: string) => Promise<void>;
}) {
  const { snap, t } = usePage();
  const all = snap.messages[channel] ?? [];
  const parent = all.find((m) => m.ts === ts);
  const replies = all.filter((m) => m.threadTs === ts && m.ts !== ts);
  return (
    <aside class="thread" aria-label={t('playground.thread')}>
      <div class="thread-head">
        <b>{t('playground.thread')}</b>
        <button type="button" class="modal-x" aria-label={t('playground.close')} onClick={onClose}>
          ×
        </button>
      </div>
      <div class="thread-body">
        {parent && <Message m={parent} channel={channel} />}
        <div class="thread-count">{t('playground.replies', { count: replies.length })}</div>
        {replies.map((m) => (
          <Message key={m.ts} m={m} channel={channel} />
        ))}
      </div>
      <Composer placeholder={t('playground.composer.thread')} send={send} hints={false} />
    </aside>
  );
}

/** The message box: Enter sends, Shift+Enter is a new line; typing `/` offers the command and its subcommands. */
export function Composer({
  placeholder,
  send,
  hints = true,
}: {
  placeholder: string;
  send: (text: string) => Promise<void>;
  hints?: boolean;
}) {
  const { t } = usePage();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const value = text.trim();
    if (!value || busy) return;
    setBusy(true);
    setText('');
    try {
      await send(value);
    } finally {
      setBusy(false);
    }
  };
  const match = /^\/(c(l(o(s(e(o(u(t)?)?)?)?)?)?)?)?(\s+(\S*))?$/.exec(text);
  const partial = match?.[9] ?? '';
  const suggestions =
    hints && match
      ? match[8] !== undefined
        ? SUBCOMMANDS.filter((s) => s.startsWith(partial)).map((s) => ({
            fill: `/closeout ${s} `,
            label: `/closeout ${s}`,
            hint: t(`playground.hint.${s}`),
          }))
        : [
            {
              fill: '/closeout ',
              label: '/closeout',
              hint: 'help | new | list | show | report | close | summary | export | board',
            },
          ]
      : [];
  return (
    <div class="composer">
      {suggestions.length > 0 && (
        <ul class="hints" role="listbox">
          {suggestions.map((s) => (
            <li key={s.label} role="option" onMouseDown={(e) => (e.preventDefault(), setText(s.fill))}>
              <b>{s.label}</b> <span>{s.hint}</span>
            </li>
          ))}
        </ul>
      )}
      <textarea
        class="composer-input"
        rows={1}
        placeholder={placeholder}
        aria-label={placeholder}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            void submit();
          }
        }}
      />
      <button type="button" class="send" disabled={busy || !text.trim()} onClick={() => void submit()}>
        {t('playground.composer.send')}
      </button>
    </div>
  );
}
