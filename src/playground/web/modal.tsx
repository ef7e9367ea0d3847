import { useEffect, useState } from 'preact/hooks';
import type { Block, StateValues, ViewState } from './api.js';
import { Blocks, blockIdOf } from './blocks.js';
import { usePage } from './context.js';
import { initialState, type El, type Form } from './elements.js';
import { plain } from './mrkdwn.js';

const STATEFUL = /input|select|picker|checkboxes|radio_buttons/;

/** Slack's state.values before anyone types: every stateful element with its initial value. */
function initialValues(blocks: Block[]): StateValues {
  const values: StateValues = {};
  blocks.forEach((block, i) => {
    const elements: El[] =
      block.type === 'input' && block.element
        ? [block.element as El]
        : block.type === 'actions' && Array.isArray(block.elements)
          ? (block.elements as El[])
          : block.type === 'section' && block.accessory
            ? [block.accessory as El]
            : [];
    for (const el of elements) {
      if (!STATEFUL.test(el.type)) continue;
      const id = blockIdOf(block, i);
      values[id] = { ...values[id], [el.action_id ?? `${el.type}-${id}`]: initialState(el) };
    }
  });
  return values;
}

/** The top modal of the stack, with its inputs' state kept here until it is submitted or closed. */
export function Modal({
  view,
  onSubmit,
  onClose,
}: {
  view: ViewState;
  onSubmit: (v: StateValues) => void;
  onClose: (v: StateValues) => void;
}) {
  const { t } = usePage();
  const blocks = view.view.blocks ?? [];
  const [values, setValues] = useState<StateValues>(() => initialValues(blocks));
  // A views.update or push brings new blocks: start from their initial values (Slack keeps typed text only for unchanged inputs).
  useEffect(() => setValues((old) => ({ ...initialValues(blocks), ...keep(old, blocks) })), [view.id, view.hash]);
  // A field's inline error goes once the field is changed; the next submission's answer brings its own.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => setEdited(new Set()), [view.hash]);
  const submit = () => {
    setEdited(new Set());
    onSubmit(values);
  };
  const errors = view.errors
    ? Object.fromEntries(Object.entries(view.errors).filter(([block]) => !edited.has(block)))
    : null;
  const form: Form = {
    values,
    set: (blockId, actionId, state) => {
      setValues((v) => ({ ...v, [blockId]: { ...v[blockId], [actionId]: state } }));
      setEdited((e) => (e.has(blockId) ? e : new Set([...e, blockId])));
    },
  };
  const general = view.errors?.[''];
  return (
    <div class="overlay">
      <div class="modal" role="dialog" aria-modal="true" aria-label={plain(view.view.title)}>
        <div class="modal-head">
          <span class="modal-title">{plain(view.view.title)}</span>
          <button type="button" class="modal-x" aria-label={t('playground.close')} onClick={() => onClose(values)}>
            ×
          </button>
        </div>
        <form
          class="modal-body"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Blocks blocks={blocks} source={{ viewId: view.id }} form={form} errors={errors} />
          {general && <div class="input-error">{general}</div>}
        </form>
        <div class="modal-foot">
          <button type="button" class="btn btn-default" onClick={() => onClose(values)}>
            {plain(view.view.close) || t('playground.cancel')}
          </button>
          {view.view.submit && (
            <button type="button" class="btn btn-primary" data-submit onClick={submit}>
              {plain(view.view.submit)}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

/** Values typed into inputs that are still in the new view keep what was typed. */
function keep(old: StateValues, blocks: Block[]): StateValues {
  const ids = new Set(blocks.map((b, i) => blockIdOf(b, i)));
  return Object.fromEntries(Object.entries(old).filter(([id]) => ids.has(id)));
}
