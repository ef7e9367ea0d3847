/**
 * The fake Slack API in its own process for the benchmark, so the figures measure Closeout alone.
 * Usage: fake-server.ts <latencyMs>. Prints its API URL; `bench.keys` answers with the dedupe keys of
 * every message posted so far.
 */
import { FakeSlack } from '../support/fake-slack.js';

const fake = await new FakeSlack().start();
fake.latencyMs = Number(process.argv[2] ?? 0);
fake.on('bench.keys', () => ({
  ok: true,
  keys: fake.messages.map(
    (m) => (m.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key ?? '',
  ),
}));
// Every call answered so far: the benches wait for the work after the acks to settle on it.
let answered = 0;
fake.on('bench.count', () => ({ ok: true, count: answered }));
// The response URLs posted to (overload.ts: which commands were answered).
const responses = new Set<string>();
fake.on('bench.responses', () => ({ ok: true, paths: [...responses] }));
const record = fake.calls.push.bind(fake.calls);
fake.calls.push = (...calls) => {
  answered += calls.filter((c) => !c.method.startsWith('bench.')).length;
  for (const c of calls) if (c.method === 'response_url' && c.path) responses.add(c.path);
  return record(...calls);
};
// Only the messages are needed: drop each call's arguments as it comes, or the fake would hold every payload.
setInterval(() => fake.calls.splice(0), 1_000).unref();
process.stdout.write(`${fake.apiUrl}\n`);
process.stdin.resume();
process.stdin.on('end', () => void fake.stop().then(() => process.exit(0)));
