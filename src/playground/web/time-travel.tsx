import { useState } from 'preact/hooks';
import { post } from './api.js';
import { usePage } from './context.js';

/** Moves the playground's clock forward and runs the scheduler as of then (what `closeout run-job all --at` does). */
export function TimeTravel({ onDone }: { onDone: (text: string) => void }) {
  const { snap, t } = usePage();
  const [busy, setBusy] = useState(false);
  const when = (iso: string) =>
    new Date(iso).toLocaleString(snap.language, {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
  const travel = async (to: 'round' | 'nudge' | 'day') => {
    setBusy(true);
    try {
      const outcome = await post('travel', { to });
      onDone(
        outcome.ok
          ? t('playground.time.ran', { time: when(outcome.at ?? snap.now), sent: outcome.sent ?? 0 })
          : t('playground.error', { error: outcome.error ?? '?' }),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="time-travel" aria-label={t('playground.time.title')}>
      <span class="clock">
        🕘 {busy ? t('playground.time.busy') : t('playground.time.now', { time: when(snap.now) })}
      </span>
      {(['round', 'nudge', 'day'] as const).map((to) => (
        <button key={to} type="button" class="travel" disabled={busy} onClick={() => void travel(to)}>
          ⏩ {t(`playground.time.${to}`)}
        </button>
      ))}
    </div>
  );
}
