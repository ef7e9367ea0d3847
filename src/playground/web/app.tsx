import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { fill, getState, post, type ElementAction, type Outcome, type Snapshot, type StateValues } from './api.js';
import { Blocks } from './blocks.js';
import { Canvas } from './canvas.js';
import { Page, type PageContext, type Source } from './context.js';
import { Composer, MessageList, ThreadPanel } from './conversation.js';
import { Modal } from './modal.js';
import { TimeTravel } from './time-travel.js';

type Where = { kind: 'channel'; id: string; tab: 'messages' | 'canvas' } | { kind: 'app'; tab: 'home' | 'messages' };

const PERSONA_KEY = 'closeout-playground-persona';

/** Keeps the snapshot fresh: refetched whenever the server says the workspace changed (server-sent events). */
function useSnapshot(me: string | null) {
  const [snap, setSnap] = useState<Snapshot | null>(null);
  const pending = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const meRef = useRef(me);
  meRef.current = me;
  const refresh = useCallback(async () => {
    if (pending.current) {
      again.current = true;
      return pending.current;
    }
    pending.current = (async () => {
      do {
        again.current = false;
        const next = await getState(meRef.current);
        setSnap(next);
      } while (again.current);
    })()
      // A busy or restarting server: try again shortly rather than show a stale workspace until the next change.
      .catch(() => void setTimeout(() => void refresh(), 1_000))
      .finally(() => (pending.current = null));
    return pending.current;
  }, []);
  useEffect(() => {
    const source = new EventSource('/pg/events');
    source.onmessage = () => void refresh();
    // Changes made while the stream was down (it reconnects by itself) were never announced: read them now.
    source.onopen = () => void refresh();
    return () => source.close();
  }, [refresh]);
  useEffect(() => void refresh(), [me, refresh]);
  return { snap, refresh };
}

export function App() {
  const [me, setMe] = useState<string | null>(
    () => new URLSearchParams(location.search).get('as') ?? localStorage.getItem(PERSONA_KEY),
  );
  const { snap, refresh } = useSnapshot(me);
  const [where, setWhere] = useState<Where>({ kind: 'app', tab: 'messages' });
  const [thread, setThread] = useState<string | null>(null);
  const [toast, setToast] = useState<string | null>(null);

  const ctx = useMemo<PageContext | null>(() => {
    if (!snap) return null;
    const zh = snap.language === 'zh-CN';
    const personaOf = (id: string) => snap.personas.find((p) => p.id === id);
    return {
      snap,
      t: (key, params) => fill(snap.strings[key] ?? key, params),
      personaOf,
      nameOf: (id) => (id === snap.bot.id ? snap.bot.name : (personaOf(id)?.name[zh ? 'zh' : 'en'] ?? id)),
      act: (source: Source, action: ElementAction, values?: StateValues) =>
        void post('action', { user: snap.me, ...source, action, values: values ?? {} }).then(report),
    };
  }, [snap]);

  function report(outcome: Outcome) {
    if (!outcome.ok && outcome.error && ctx) setToast(ctx.t('playground.error', { error: outcome.error }));
  }

  useEffect(() => {
    if (snap) document.documentElement.lang = snap.language;
    if (snap) document.title = snap.strings['playground.title'] ?? document.title;
  }, [snap?.language]);

  // Opening the Home tab is an event Slack sends the app (app_home_opened); the bot publishes the view then.
  useEffect(() => {
    if (snap && where.kind === 'app' && where.tab === 'home') void post('home', { user: snap.me }).then(report);
  }, [snap?.me, where.kind === 'app' && where.tab]);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 6000);
    return () => clearTimeout(timer);
  }, [toast]);

  if (!snap || !ctx) return <div class="loading">Closeout…</div>;
  const { t, nameOf } = ctx;
  const dm = snap.channels.find((c) => c.kind === 'im')!;
  const channel = where.kind === 'channel' ? where.id : dm.id;
  const channelInfo = snap.channels.find((c) => c.id === channel);
  const modal = snap.modals.at(-1);
  const canvas = where.kind === 'channel' ? snap.canvases[channel] : undefined;

  const choosePersona = (id: string) => {
    localStorage.setItem(PERSONA_KEY, id);
    setThread(null);
    setMe(id);
  };
  const send = async (text: string, threadTs?: string) => {
    report(await post('send', { user: snap.me, channel, text, ...(threadTs && { threadTs }) }));
  };
  const go = (next: Where) => {
    setThread(null);
    setWhere(next);
  };

  return (
    <Page.Provider value={ctx}>
      <div class="app">
        <header class="topbar">
          <span class="notice">{t('playground.notice')}</span>
          <TimeTravel onDone={(text) => setToast(text)} />
        </header>
        <div class="layout">
          <nav class="sidebar">
            <div class="workspace">{t('playground.workspace')}</div>
            <label class="persona">
              <span>{t('playground.acting_as')}</span>
              <select
                aria-label={t('playground.acting_as')}
                value={snap.me}
                onChange={(e) => choosePersona(e.currentTarget.value)}
              >
                {snap.personas.map((p) => (
                  <option key={p.id} value={p.id}>
                    {nameOf(p.id)} · {t(`playground.role.${p.role}`)}
                  </option>
                ))}
              </select>
            </label>
            <label class="persona">
              <span>{t('playground.language')}</span>
              <select
                aria-label={t('playground.language')}
                value={snap.language}
                onChange={(e) => void post('language', { language: e.currentTarget.value }).then(() => refresh())}
              >
                <option value="en">English</option>
                <option value="zh-CN">中文</option>
              </select>
            </label>
            <div class="section-title">{t('playground.channels')}</div>
            {snap.channels
              .filter((c) => c.kind === 'channel')
              .map((c) => (
                <button
                  key={c.id}
                  type="button"
                  class={`nav-item${where.kind === 'channel' && where.id === c.id ? ' active' : ''}`}
                  onClick={() => go({ kind: 'channel', id: c.id, tab: 'messages' })}
                >
                  # {c.name}
                </button>
              ))}
            <div class="section-title">{t('playground.apps')}</div>
            <button
              type="button"
              class={`nav-item${where.kind === 'app' ? ' active' : ''}`}
              onClick={() => go({ kind: 'app', tab: 'messages' })}
            >
              <span class="nav-bot">✓</span> Closeout
            </button>
          </nav>
          <main class="main">
            <div class="main-head">
              {where.kind === 'channel' ? (
                <>
                  <b># {channelInfo?.name}</b>
                  {canvas && (
                    <div class="tabs" role="tablist">
                      <Tab on={where.tab === 'messages'} go={() => go({ ...where, tab: 'messages' })}>
                        {t('playground.tab.messages')}
                      </Tab>
                      <Tab on={where.tab === 'canvas'} go={() => go({ ...where, tab: 'canvas' })}>
                        📋 {t('playground.tab.ledger')}
                      </Tab>
                    </div>
                  )}
                </>
              ) : (
                <>
                  <b>
                    <span class="nav-bot">✓</span> Closeout
                  </b>
                  <div class="tabs" role="tablist">
                    <Tab on={where.tab === 'home'} go={() => go({ kind: 'app', tab: 'home' })}>
                      {t('playground.tab.home')}
                    </Tab>
                    <Tab on={where.tab === 'messages'} go={() => go({ kind: 'app', tab: 'messages' })}>
                      {t('playground.tab.messages')}
                    </Tab>
                  </div>
                </>
              )}
            </div>
            {where.kind === 'channel' && where.tab === 'canvas' && canvas ? (
              <div class="canvas-pane">
                <Canvas markdown={canvas.markdown} />
              </div>
            ) : where.kind === 'app' && where.tab === 'home' ? (
              <div class="home">
                {snap.home ? (
                  <Blocks blocks={snap.home.view.blocks ?? []} source={{ viewId: snap.home.id }} />
                ) : (
                  <div class="empty">{t('playground.home.empty')}</div>
                )}
              </div>
            ) : (
              <div class="conversation">
                <div class="conversation-main">
                  <MessageList channel={channel} openThread={setThread} />
                  <Composer
                    placeholder={
                      where.kind === 'channel'
                        ? t('playground.composer.channel', { name: channelInfo?.name ?? '' })
                        : t('playground.composer.dm')
                    }
                    send={(text) => send(text)}
                  />
                </div>
                {thread && (
                  <ThreadPanel
                    channel={channel}
                    ts={thread}
                    onClose={() => setThread(null)}
                    send={(text) => send(text, thread)}
                  />
                )}
              </div>
            )}
          </main>
        </div>
        {modal && (
          <Modal
            key={modal.id}
            view={modal}
            onSubmit={(values) => void post('submit', { user: snap.me, viewId: modal.id, values }).then(report)}
            onClose={(values) => void post('close', { user: snap.me, viewId: modal.id, values }).then(report)}
          />
        )}
        {toast && (
          <div class="toast" role="status">
            {toast}
          </div>
        )}
      </div>
    </Page.Provider>
  );
}

/** A tab of the conversation's header (Slack's Home / Messages, or a channel's Messages / canvas). */
function Tab({ on, go, children }: { on: boolean; go: () => void; children: ComponentChildren }) {
  return (
    <button type="button" role="tab" aria-selected={on} class={on ? 'tab active' : 'tab'} onClick={go}>
      {children}
    </button>
  );
}
