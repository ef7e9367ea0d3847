import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import type { SlackCall } from './fake-slack.js';

export type Surface = 'message' | 'modal' | 'home';
export interface Payload {
  surface: Surface;
  method: string;
  blocks: unknown[];
  view?: Record<string, unknown>;
}

/** Every Block Kit payload among the recorded calls: messages, modals and Home views. */
export function payloadsOf(calls: SlackCall[]): Payload[] {
  const out: Payload[] = [];
  for (const c of calls) {
    if (
      ['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'chat.scheduleMessage', 'response_url'].includes(
        c.method,
      )
    ) {
      if (Array.isArray(c.args.blocks)) out.push({ surface: 'message', method: c.method, blocks: c.args.blocks });
    } else if (['views.open', 'views.push', 'views.update', 'views.publish'].includes(c.method)) {
      const view = c.args.view as Record<string, unknown>;
      out.push({
        surface: view.type === 'home' ? 'home' : 'modal',
        method: c.method,
        blocks: (view.blocks as unknown[]) ?? [],
        view,
      });
    }
  }
  return out;
}

type Obj = Record<string, unknown>;
const text = (o: unknown): string => ((o as Obj | undefined)?.text as string | undefined) ?? '';

/** Slack's documented limits, checked by the project itself (the schema does not enforce all of them). */
export function limitProblems(p: Payload): string[] {
  const problems: string[] = [];
  const max = p.surface === 'message' ? 50 : 100;
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(`${p.method}: ${what}`);
  };
  need(p.blocks.length <= max, `${p.blocks.length} blocks > ${max}`);
  if (p.view) {
    need(text(p.view.title).length <= 24, `title "${text(p.view.title)}" > 24`);
    need(text(p.view.submit).length <= 24, `submit > 24`);
    need(text(p.view.close).length <= 24, `close > 24`);
    need(String(p.view.private_metadata ?? '').length <= 3000, `private_metadata > 3000`);
    need(String(p.view.callback_id ?? '').length <= 255, `callback_id > 255`);
  }
  const elements = (b: Obj): Obj[] => [
    ...((b.elements as Obj[] | undefined) ?? []),
    ...(b.accessory ? [b.accessory as Obj] : []),
    ...(b.element ? [b.element as Obj] : []),
  ];
  for (const raw of p.blocks) {
    const b = raw as Obj;
    const id = `${String(b.type)}${b.block_id ? `#${String(b.block_id)}` : ''}`;
    if (b.block_id) need(String(b.block_id).length <= 255, `${id} block_id > 255`);
    if (b.type === 'section') {
      need(text(b.text).length <= 3000, `${id} text ${text(b.text).length} > 3000`);
      const fields = (b.fields as Obj[] | undefined) ?? [];
      need(fields.length <= 10, `${id} ${fields.length} fields > 10`);
      for (const f of fields) need(text(f).length <= 2000, `${id} field > 2000`);
    }
    if (b.type === 'header') need(text(b.text).length <= 150, `${id} header > 150`);
    if (b.type === 'actions') need(((b.elements as unknown[]) ?? []).length <= 25, `${id} > 25 elements`);
    if (b.type === 'context') need(((b.elements as unknown[]) ?? []).length <= 10, `${id} > 10 elements`);
    if (b.type === 'context')
      for (const e of (b.elements as Obj[]) ?? []) need(text(e).length <= 3000, `${id} element text > 3000`);
    if (b.type === 'input') need(text(b.label).length <= 2000, `${id} label > 2000`);
    for (const e of elements(b)) {
      if (e.action_id) need(String(e.action_id).length <= 255, `${id} action_id > 255`);
      if (e.type === 'button') {
        need(text(e.text).length <= 75, `${id} button text > 75`);
        need(String(e.value ?? '').length <= 2000, `${id} button value > 2000`);
      }
      const options = [
        ...((e.options as Obj[]) ?? []),
        ...((e.option_groups as Obj[]) ?? []).flatMap((g) => (g.options as Obj[]) ?? []),
      ];
      need(options.length <= 100, `${id} ${options.length} options > 100`);
      for (const o of options) {
        need(text(o.text).length <= 75, `${id} option text > 75`);
        need(String(o.value ?? '').length <= 150, `${id} option value > 150`);
      }
      if (e.initial_value !== undefined) need(String(e.initial_value).length <= 3000, `${id} initial_value > 3000`);
    }
  }
  return problems;
}

const SCHEMA_DIR = path.resolve('..', 'shared', 'slack-schemas');
let validators: { message: ValidateFunction; modal: ValidateFunction; home: ValidateFunction } | null | undefined;

/** Validators from ../shared/slack-schemas when that folder exists (always in CI), else null. */
export function schemaValidators() {
  if (validators !== undefined) return validators;
  const file = path.join(SCHEMA_DIR, 'block-kit.schema.json');
  if (!fs.existsSync(file)) return (validators = null);
  const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as { $id: string };
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats.default(ajv);
  ajv.addSchema(schema);
  validators = {
    message: ajv.getSchema(schema.$id)!,
    modal: ajv.compile({ $ref: `${schema.$id}#/$defs/modal_view` }),
    home: ajv.compile({ $ref: `${schema.$id}#/$defs/home_view` }),
  };
  return validators;
}

export function schemaProblems(p: Payload): string[] {
  const v = schemaValidators();
  if (!v) return [];
  const validate = v[p.surface];
  const ok = p.surface === 'message' ? validate(p.blocks) : validate(p.view);
  return ok ? [] : [`${p.method} (${p.surface}) schema: ${JSON.stringify(validate.errors?.slice(0, 3))}`];
}

/** All problems of all payloads in the calls: limits always, schema when available. */
export function blockKitProblems(calls: SlackCall[]): string[] {
  return payloadsOf(calls).flatMap((p) => [...limitProblems(p), ...schemaProblems(p)]);
}
