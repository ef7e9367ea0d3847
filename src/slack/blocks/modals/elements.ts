import type {
  InputBlock,
  InputBlockElement,
  KnownBlock,
  ModalView,
  PlainTextElement,
  PlainTextOption,
} from '@slack/types';
import { LIMITS, truncate } from '../limits.js';

/** Small Block Kit helpers shared by the modal builders. */

export function plain(text: string, max: number = LIMITS.sectionText): PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max), emoji: true };
}

/** A select or checkbox option; texts are cut to Slack's 75 characters. */
export function option(text: string, value: string, description?: string): PlainTextOption {
  return {
    text: plain(text, LIMITS.optionText),
    value,
    ...(description && { description: plain(description, LIMITS.optionText) }),
  };
}

export function input(
  blockId: string,
  label: string,
  element: InputBlockElement,
  opts: { optional?: boolean; hint?: string; dispatch?: boolean } = {},
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, LIMITS.inputLabel),
    element,
    ...(opts.optional && { optional: true }),
    ...(opts.hint && { hint: plain(opts.hint, LIMITS.inputLabel) }),
    ...(opts.dispatch && { dispatch_action: true }),
  };
}

export function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) }] };
}

export function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } };
}

interface ModalShell {
  callbackId: string;
  title: string;
  submit?: string;
  close: string;
  blocks: KnownBlock[];
  privateMetadata: string;
}

export function modal(spec: ModalShell): ModalView {
  return {
    type: 'modal',
    callback_id: spec.callbackId,
    title: plain(spec.title, LIMITS.viewTitle),
    ...(spec.submit && { submit: plain(spec.submit, LIMITS.viewTitle) }),
    close: plain(spec.close, LIMITS.viewTitle),
    blocks: spec.blocks.slice(0, LIMITS.modalBlocks),
    private_metadata: spec.privateMetadata,
  };
}
