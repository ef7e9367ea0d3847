import type { App, ReceiverEvent } from '@slack/bolt';
import { healthHandler } from '../http/health.js';
import type { Logger } from '../logging/logger.js';
import { closeServer, closeSocket, createDoor, openDoor, within } from './door.js';
import type { EventProcessor } from './http-receiver.js';
import type { EngineLink, FrontSettings } from './engine-link.js';
import { InFlight } from './in-flight.js';

export interface RunningFront {
  port: number;
  /**
   * Graceful stop: no new requests (503 on /healthz and /slack/events, Socket Mode disconnected), waits for the
   * engine to finish what it was handed, then stops the engine; each wait at most `drainMs`.
   */
  stop(drainMs: number): Promise<boolean>;
}

/**
 * Requests whose ack carries the listener's answer: a modal's errors, update or clear; the options of a
 * select. The front waits for the engine's ack for these; everything else is acked here at once.
 */
function ackIsTheAnswer(body: Record<string, unknown>): boolean {
  return body.type === 'view_submission' || body.type === 'block_suggestion';
}

/**
 * The front: the thread Slack talks to. Bolt's receiver verifies each request (signature, Socket Mode); the
 * front acks it and hands it to the engine, so an ack never waits behind the listeners' queries, Block Kit or
 * Web API calls. It loads neither Bolt's App nor a database client: what Bolt does before the listeners
 * (authorizing, ignoring the bot's own events) the engine's App does.
 */
export async function startSlackFront(opts: {
  settings: FrontSettings;
  logger: Logger;
  engine: EngineLink;
  teamId: string;
  port?: number;
  host?: string;
}): Promise<RunningFront> {
  const { settings, logger, engine } = opts;
  const inFlight = new InFlight();
  const door = await createDoor({
    settings,
    logger,
    health: healthHandler(
      () => engine.health(),
      () => inFlight.stopping,
    ),
    stopping: () => inFlight.stopping,
  });
  const front: EventProcessor = {
    // Counted until acked; after that the engine's link counts it (the request itself is let go of here: a
    // backlog in the engine holds a body per request, not the HTTP exchange).
    processEvent: ({ body, ack, retryNum, retryReason }: ReceiverEvent) =>
      inFlight.run(async () => {
        const answer = ackIsTheAnswer(body);
        const forwarded = engine.forward({ body, retryNum, retryReason, answer });
        // A failed answer throws here: the receiver answers Slack with an error, as if the listener had thrown.
        await ack(answer ? await forwarded.answer : undefined);
      }),
  };
  // A receiver asks what it is given for processEvent() alone (Bolt's Receiver contract).
  door.receiver.init(front as App);
  const port = await openDoor(door, opts.port ?? settings.PORT, opts.host);
  logger.info({ port, mode: door.socket ? 'socket' : 'http', team: opts.teamId }, 'Closeout is running');

  return {
    port,
    async stop(drainMs) {
      const draining = inFlight.drain(drainMs);
      await closeSocket(door);
      const drained = (await draining) && (await within(engine.idle(), drainMs));
      if (!drained) logger.warn({ running: engine.pending }, 'stopped with work still running');
      const settled = await engine.stop(drainMs);
      await closeServer(door);
      return drained && settled;
    },
  };
}
