import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parse, parseDocument } from 'yaml';

const manifestText = fs.readFileSync('manifest.yml', 'utf8');
const manifest = parse(manifestText) as Manifest;

interface Manifest {
  display_information: { name: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: { command: string; url: string; usage_hint?: string; description: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

/**
 * Bot scopes each Web API method needs (https://docs.slack.dev/reference/methods). A method the code
 * starts calling that is missing here fails the test below: add it with its scopes, then the manifest.
 */
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  // The live ledger: a channel canvas created once, then rewritten (issue 24).
  'canvases.edit': ['canvases:write'],
  'conversations.canvases.create': ['canvases:write'],
  'chat.delete': ['chat:write'],
  'chat.getPermalink': [],
  'chat.postEphemeral': ['chat:write'],
  'chat.postMessage': ['chat:write'],
  'chat.scheduleMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  // Board channels may be public or private, and DMs are read too.
  'conversations.history': ['channels:history', 'groups:history', 'im:history'],
  'conversations.info': ['channels:read', 'groups:read'],
  'conversations.join': ['channels:join'],
  'conversations.members': ['channels:read', 'groups:read'],
  'conversations.open': ['im:write'],
  'files.completeUploadExternal': ['files:write'],
  'files.getUploadURLExternal': ['files:write'],
  'files.info': ['files:read'],
  'reactions.add': ['reactions:write'],
  'team.info': ['team:read'],
  'users.info': ['users:read'],
  'users.list': ['users:read'],
  'users.lookupByEmail': ['users:read.email'],
  'views.open': [],
  'views.publish': [],
  'views.push': [],
  'views.update': [],
};

/** Scopes that come with a feature rather than a method call. */
const EVENT_SCOPES: Record<string, string[]> = {
  app_home_opened: [],
  'message.im': ['im:history'],
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
};

function sourceFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((f) => path.join(dir, f))
    .filter((f) => f.endsWith('.ts') && !f.includes(`${path.sep}generated${path.sep}`));
}

/** Web API methods called anywhere in src/: `client.chat.postMessage(`, and Bolt's `say(` (chat.postMessage). */
function calledMethods(): Set<string> {
  const methods = new Set<string>();
  for (const file of sourceFiles('src')) {
    const code = fs.readFileSync(file, 'utf8');
    for (const m of code.matchAll(/\bclient\s*\.\s*([a-z]+(?:\s*\.\s*[a-zA-Z]+)+)\s*\(/g))
      methods.add(m[1]!.replace(/\s/g, ''));
    if (/\bsay\(/.test(code)) methods.add('chat.postMessage');
  }
  return methods;
}

const SCHEMA_DIR = path.resolve('..', 'shared', 'slack-schemas');
const hasSchemas = fs.existsSync(path.join(SCHEMA_DIR, 'manifest.schema.json'));

/**
 * The root schema dispatches on _metadata.major_version to the versioned files by URL; offline, the local
 * copies are registered under those URLs.
 */
function manifestValidator() {
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8')) as object;
  const root = read('manifest.schema.json');
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const urls = new Set([...JSON.stringify(root).matchAll(/"\$ref":"(https:[^"]+)"/g)].map((m) => m[1]!));
  expect(urls.size).toBe(2);
  for (const url of urls) ajv.addSchema(read(path.basename(url)), url);
  return ajv.compile(root);
}

describe('manifest.yml', () => {
  it.skipIf(!hasSchemas)("is valid against Slack's manifest schema", () => {
    const validate = manifestValidator();
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it.skipIf(!hasSchemas)('would fail a manifest the schema forbids (the check is real)', () => {
    const validate = manifestValidator();
    expect(validate({ ...manifest, display_information: { name: '' } })).toBe(false);
    expect(validate({ ...manifest, settings: { ...manifest.settings, bogus: true } })).toBe(false);
  });

  it('has the /closeout command, interactivity, App Home and events on the same endpoint', () => {
    expect(manifest.display_information.name).toBe('Closeout');
    expect(manifest.features.bot_user.display_name).toBe('Closeout');
    const [command, ...others] = manifest.features.slash_commands;
    expect(others).toEqual([]);
    expect(command).toMatchObject({ command: '/closeout', url: 'https://YOUR-HOST/slack/events' });
    expect(command!.usage_hint).toContain('summary');
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true }); // replies typed in the bot's DM
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: 'https://YOUR-HOST/slack/events',
    });
    expect(manifest.settings.event_subscriptions.request_url).toBe('https://YOUR-HOST/slack/events');
    expect(manifest.settings.event_subscriptions.bot_events).toContain('app_home_opened');
    expect(manifest.settings).toMatchObject({
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    });
  });

  it('asks for exactly the bot scopes the code needs', () => {
    const methods = calledMethods();
    expect(methods.has('views.publish')).toBe(true); // the scan finds calls at all
    const unknown = [...methods].filter((m) => !(m in METHOD_SCOPES));
    expect(unknown, 'methods missing from METHOD_SCOPES').toEqual([]);
    const events = manifest.settings.event_subscriptions.bot_events;
    expect(
      events.filter((e) => !(e in EVENT_SCOPES)),
      'events missing from EVENT_SCOPES',
    ).toEqual([]);
    const needed = new Set([
      ...(manifest.features.slash_commands.length > 0 ? ['commands'] : []),
      ...[...methods].flatMap((m) => METHOD_SCOPES[m]!),
      ...events.flatMap((e) => EVENT_SCOPES[e]!),
    ]);
    const bot = manifest.oauth_config.scopes.bot;
    expect(new Set(bot).size, 'a scope is listed twice').toBe(bot.length);
    expect([...bot].sort()).toEqual([...needed].sort());
  });

  it('justifies every bot scope with a comment', () => {
    const doc = parseDocument(manifestText);
    const bot = doc.getIn(['oauth_config', 'scopes', 'bot'], true);
    expect(isSeq(bot)).toBe(true);
    if (!isSeq(bot)) return;
    for (const item of bot.items) {
      expect(isScalar(item) && !isMap(item)).toBe(true);
      if (isScalar(item)) expect((item.comment ?? '').trim(), `scope ${String(item.value)}`).not.toBe('');
    }
  });
});
