import { useState } from 'preact/hooks';
import type { ElementAction, UploadedFile } from './api.js';
import { usePage, type Source } from './context.js';
import { FileInput } from './file-input.js';
import { plain, TextObject } from './mrkdwn.js';

export type El = { type: string; action_id?: string } & Record<string, unknown>;
export type Option = { text: unknown; value: string; description?: unknown };

/** A view's form: the state of its inputs (Slack's `state.values`) and how to change one. */
export interface Form {
  values: Record<string, Record<string, Record<string, unknown>>>;
  set: (blockId: string, actionId: string, state: Record<string, unknown>) => void;
}

export function optionsOf(el: El): Option[] {
  if (Array.isArray(el.options)) return el.options as Option[];
  if (Array.isArray(el.option_groups))
    return (el.option_groups as { options?: Option[] }[]).flatMap((g) => g.options ?? []);
  return [];
}

/** The state Slack reports for an element before anyone touches it (its initial_* value). */
export function initialState(el: El): Record<string, unknown> {
  const type = el.type;
  switch (type) {
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return { type, value: typeof el.initial_value === 'string' ? el.initial_value : null };
    case 'static_select':
    case 'radio_buttons':
      return { type, selected_option: el.initial_option ?? null };
    case 'multi_static_select':
    case 'checkboxes':
      return { type, selected_options: el.initial_options ?? [] };
    case 'users_select':
      return { type, selected_user: el.initial_user ?? null };
    case 'multi_users_select':
      return { type, selected_users: el.initial_users ?? [] };
    case 'conversations_select':
      return { type, selected_conversation: el.initial_conversation ?? null };
    case 'datepicker':
      return { type, selected_date: el.initial_date ?? null };
    case 'timepicker':
      return { type, selected_time: el.initial_time ?? null };
    case 'file_input':
      return { type, files: [] };
    default:
      return { type };
  }
}

interface ElementProps {
  el: El;
  blockId: string;
  source: Source;
  /** Present inside views: inputs keep their state there. */
  form?: Form;
  /** Inside an input block: changes are kept, not sent (unless the element dispatches actions). */
  input?: boolean;
  dispatch?: boolean;
}

/** One interactive Block Kit element. */
export function Element({ el, blockId, source, form, input, dispatch }: ElementProps) {
  const { act, snap, nameOf, t } = usePage();
  const actionId = el.action_id ?? `${el.type}-${blockId}`;
  const state = form?.values[blockId]?.[actionId] ?? initialState(el);
  const label = `${blockId}/${actionId}`;

  /** Stores the new state; sends a block action when Slack would (outside inputs, or when dispatching). */
  const change = (next: Record<string, unknown>, action: Omit<ElementAction, 'action_id' | 'block_id' | 'type'>) => {
    form?.set(blockId, actionId, next);
    if (!input || dispatch) {
      const values = form ? { ...form.values, [blockId]: { ...form.values[blockId], [actionId]: next } } : undefined;
      act(source, { type: el.type, action_id: actionId, block_id: blockId, ...action }, values);
    }
  };

  switch (el.type) {
    case 'button': {
      const style = typeof el.style === 'string' ? el.style : 'default';
      if (typeof el.url === 'string')
        return (
          <a class={`btn btn-${style}`} href={el.url} target="_blank" rel="noreferrer noopener">
            {plain(el.text)}
          </a>
        );
      return (
        <button
          type="button"
          class={`btn btn-${style}`}
          data-action={actionId}
          onClick={() =>
            act(
              source,
              {
                type: 'button',
                action_id: actionId,
                block_id: blockId,
                text: el.text,
                ...(typeof el.value === 'string' && { value: el.value }),
              },
              form?.values,
            )
          }
        >
          {plain(el.text)}
        </button>
      );
    }
    case 'static_select':
    case 'radio_buttons': {
      const options = optionsOf(el);
      const selected = (state.selected_option as Option | null)?.value ?? '';
      const pick = (value: string) => {
        const option = options.find((o) => o.value === value) ?? null;
        change({ type: el.type, selected_option: option }, { selected_option: option });
      };
      if (el.type === 'radio_buttons')
        return (
          <div class="choices" role="radiogroup">
            {options.map((o) => (
              <label key={o.value} class="choice">
                <input type="radio" name={label} checked={selected === o.value} onChange={() => pick(o.value)} />
                <TextObject text={o.text} />
              </label>
            ))}
          </div>
        );
      return (
        <select
          class="select"
          aria-label={plain(el.placeholder) || t('playground.select')}
          data-action={actionId}
          value={selected}
          onChange={(e) => pick(e.currentTarget.value)}
        >
          <option value="" disabled>
            {plain(el.placeholder) || t('playground.select')}
          </option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {plain(o.text)}
            </option>
          ))}
        </select>
      );
    }
    case 'overflow':
      return (
        <Overflow
          el={el}
          pick={(option) => change({ type: 'overflow', selected_option: option }, { selected_option: option })}
        />
      );
    case 'multi_static_select':
    case 'checkboxes': {
      const options = optionsOf(el);
      const chosen = new Set(((state.selected_options as Option[]) ?? []).map((o) => o.value));
      const toggle = (value: string, on: boolean) => {
        if (on) chosen.add(value);
        else chosen.delete(value);
        const selected = options.filter((o) => chosen.has(o.value));
        change({ type: el.type, selected_options: selected }, {});
      };
      return (
        <div class={el.type === 'checkboxes' ? 'choices' : 'choices multi'}>
          {options.map((o) => (
            <label key={o.value} class="choice">
              <input
                type="checkbox"
                checked={chosen.has(o.value)}
                onChange={(e) => toggle(o.value, e.currentTarget.checked)}
              />
              <TextObject text={o.text} />
            </label>
          ))}
        </div>
      );
    }
    case 'users_select':
      return (
        <select
          class="select"
          data-action={actionId}
          aria-label={plain(el.placeholder) || t('playground.select')}
          value={(state.selected_user as string | null) ?? ''}
          onChange={(e) => {
            const user = e.currentTarget.value;
            change({ type: el.type, selected_user: user }, { selected_user: user });
          }}
        >
          <option value="" disabled>
            {plain(el.placeholder) || t('playground.select')}
          </option>
          {snap.personas.map((p) => (
            <option key={p.id} value={p.id}>
              {nameOf(p.id)}
            </option>
          ))}
        </select>
      );
    case 'multi_users_select': {
      const chosen = new Set((state.selected_users as string[]) ?? []);
      return (
        <div class="choices multi" data-action={actionId}>
          {snap.personas.map((p) => (
            <label key={p.id} class="choice">
              <input
                type="checkbox"
                checked={chosen.has(p.id)}
                onChange={(e) => {
                  if (e.currentTarget.checked) chosen.add(p.id);
                  else chosen.delete(p.id);
                  change({ type: el.type, selected_users: [...chosen] }, {});
                }}
              />
              {nameOf(p.id)}
            </label>
          ))}
        </div>
      );
    }
    case 'conversations_select':
      return (
        <select
          class="select"
          data-action={actionId}
          value={(state.selected_conversation as string | null) ?? ''}
          onChange={(e) => change({ type: el.type, selected_conversation: e.currentTarget.value }, {})}
        >
          <option value="" disabled>
            {plain(el.placeholder) || t('playground.select')}
          </option>
          {snap.channels
            .filter((c) => c.kind === 'channel')
            .map((c) => (
              <option key={c.id} value={c.id}>
                #{c.name}
              </option>
            ))}
        </select>
      );
    case 'datepicker':
      return (
        <input
          type="date"
          class="input date"
          data-action={actionId}
          aria-label={plain(el.placeholder) || t('playground.pick_date')}
          value={(state.selected_date as string | null) ?? ''}
          onChange={(e) => {
            const date = e.currentTarget.value || null;
            change({ type: el.type, selected_date: date }, { selected_date: date ?? undefined });
          }}
        />
      );
    case 'timepicker':
      return (
        <input
          type="time"
          class="input"
          data-action={actionId}
          value={(state.selected_time as string | null) ?? ''}
          onChange={(e) => change({ type: el.type, selected_time: e.currentTarget.value || null }, {})}
        />
      );
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input': {
      const common = {
        class: 'input',
        'data-action': actionId,
        placeholder: plain(el.placeholder),
        value: (state.value as string | null) ?? '',
        maxLength: typeof el.max_length === 'number' ? el.max_length : undefined,
        onInput: (e: Event) =>
          form?.set(blockId, actionId, { type: el.type, value: (e.currentTarget as HTMLInputElement).value }),
      };
      if (el.multiline === true) return <textarea rows={4} {...common} />;
      if (el.type === 'number_input')
        return <input type="number" step={el.is_decimal_allowed ? 'any' : '1'} {...common} />;
      return <input type="text" {...common} />;
    }
    case 'file_input':
      return (
        <FileInput
          actionId={actionId}
          filetypes={Array.isArray(el.filetypes) ? (el.filetypes as string[]) : []}
          maxFiles={typeof el.max_files === 'number' ? el.max_files : 10}
          files={(state.files as UploadedFile[] | undefined) ?? []}
          onChange={(files) => form?.set(blockId, actionId, { type: el.type, files })}
        />
      );
    case 'image':
      return <img class="el-image" src={String(el.image_url ?? '')} alt={String(el.alt_text ?? '')} />;
    default:
      return <UnknownBlock type={el.type} />;
  }
}

function Overflow({ el, pick }: { el: El; pick: (option: Option) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div class="overflow">
      <button
        type="button"
        class="btn btn-default overflow-toggle"
        aria-label="More actions"
        onClick={() => setOpen(!open)}
      >
        ⋯
      </button>
      {open && (
        <div class="menu" role="menu">
          {optionsOf(el).map((o) => (
            <button
              key={o.value}
              type="button"
              role="menuitem"
              class="menu-item"
              onClick={() => {
                setOpen(false);
                pick(o);
              }}
            >
              {plain(o.text)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** Anything the page cannot draw shows as a visible note, never breaks the page. */
export function UnknownBlock({ type }: { type: string }) {
  const { t } = usePage();
  return <div class="unknown-block">{t('playground.unknown_block', { type })}</div>;
}
