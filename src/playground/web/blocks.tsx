import { Component, type ComponentChildren } from 'preact';
import type { Block } from './api.js';
import { usePage, type Source } from './context.js';
import { Element, UnknownBlock, type El, type Form } from './elements.js';
import { TextObject } from './mrkdwn.js';

/** Slack gives blocks without a block_id one of its own; the page uses their position. */
export function blockIdOf(block: Block, index: number): string {
  return typeof block.block_id === 'string' ? block.block_id : `b${index}`;
}

interface BlocksProps {
  blocks: Block[];
  source: Source;
  form?: Form;
  /** Inline errors by block_id (a modal's `response_action: errors`). */
  errors?: Record<string, string> | null;
}

/** A message's, modal's or Home tab's blocks. */
export function Blocks({ blocks, source, form, errors }: BlocksProps) {
  return (
    <div class="blocks">
      {blocks.map((block, i) => (
        <Guard key={i} type={block.type}>
          <BlockView
            block={block}
            blockId={blockIdOf(block, i)}
            source={source}
            form={form}
            error={errors?.[blockIdOf(block, i)]}
          />
        </Guard>
      ))}
    </div>
  );
}

interface BlockProps {
  block: Block;
  blockId: string;
  source: Source;
  form?: Form;
  error?: string;
}

function BlockView({ block, blockId, source, form, error }: BlockProps) {
  const { t } = usePage();
  switch (block.type) {
    case 'header':
      return (
        <div class="block header">
          <TextObject text={block.text} />
        </div>
      );
    case 'divider':
      return <hr class="block divider" />;
    case 'section': {
      const fields = Array.isArray(block.fields) ? block.fields : [];
      const accessory = block.accessory as El | undefined;
      return (
        <div class="block section">
          <div class="section-body">
            {block.text ? (
              <div class="section-text">
                <TextObject text={block.text} />
              </div>
            ) : null}
            {fields.length > 0 && (
              <div class="fields">
                {fields.map((f, i) => (
                  <div key={i} class="field">
                    <TextObject text={f} />
                  </div>
                ))}
              </div>
            )}
          </div>
          {accessory && (
            <div class="accessory">
              <Element el={accessory} blockId={blockId} source={source} form={form} />
            </div>
          )}
        </div>
      );
    }
    case 'context': {
      const elements = Array.isArray(block.elements) ? (block.elements as El[]) : [];
      return (
        <div class="block context">
          {elements.map((el, i) =>
            el.type === 'image' ? (
              <img key={i} class="context-image" src={String(el.image_url ?? '')} alt={String(el.alt_text ?? '')} />
            ) : (
              <span key={i} class="context-item">
                <TextObject text={el} />
              </span>
            ),
          )}
        </div>
      );
    }
    case 'image':
      return (
        <figure class="block image">
          {block.title ? (
            <figcaption>
              <TextObject text={block.title} />
            </figcaption>
          ) : null}
          <img src={String(block.image_url ?? '')} alt={String(block.alt_text ?? '')} />
        </figure>
      );
    case 'actions': {
      const elements = Array.isArray(block.elements) ? (block.elements as El[]) : [];
      return (
        <div class="block actions">
          {elements.map((el, i) => (
            <Element key={el.action_id ?? i} el={el} blockId={blockId} source={source} form={form} />
          ))}
        </div>
      );
    }
    case 'input': {
      const el = block.element as El | undefined;
      return (
        <div class={`block input-block${error ? ' has-error' : ''}`} data-block={blockId}>
          <label class="input-label">
            <TextObject text={block.label} />
            {block.optional === true && <span class="optional"> {t('playground.optional')}</span>}
          </label>
          {el && (
            <Element
              el={el}
              blockId={blockId}
              source={source}
              form={form}
              input
              dispatch={block.dispatch_action === true}
            />
          )}
          {block.hint ? (
            <div class="hint">
              <TextObject text={block.hint} />
            </div>
          ) : null}
          {error && (
            <div class="input-error" role="alert">
              {error}
            </div>
          )}
        </div>
      );
    }
    case 'rich_text':
      return <div class="block rich-text">{richText(block.elements)}</div>;
    default:
      return <UnknownBlock type={block.type} />;
  }
}

/** The text of a rich_text block (the page's own messages carry their text in one). */
function richText(elements: unknown): string {
  if (!Array.isArray(elements)) return '';
  return elements
    .map((e: { text?: string; elements?: unknown }) => (typeof e.text === 'string' ? e.text : richText(e.elements)))
    .join('');
}

/** Keeps one broken block from taking the page down: it shows as the placeholder instead. */
class Guard extends Component<{ type: string; children: ComponentChildren }, { failed: boolean }> {
  override state = { failed: false };
  override componentDidCatch() {
    this.setState({ failed: true });
  }
  override render() {
    return this.state.failed ? <UnknownBlock type={this.props.type} /> : this.props.children;
  }
}
