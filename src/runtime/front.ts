import type { App, ReceiverEvent } from '@slack/bolt';
import { healthHandler } from './health.js';
import type { Logger } from '../logging/logger.js';
import { Admission, BUSY_TEXT, BusyError, DEFAULT_ADMISSION, isCommand, type AdmissionLimits } from './admission.js';
import { closeServer, closeSocket, createDoor, openDoor, within } from './door.js';
import type { EventProcessor } from './http-receiver.js';
import type { EngineLink, Forwarded, FrontSettings } from './engine-link.js';
import { InFlight } from './in-flight.js';
import { FrontMetrics } from './metrics.js';

export interface RunningFront {
  port: number;
  metrics: FrontMetrics;
  /**
   * Graceful stop within `timeoutMs` in all: no new requests (503 on /healthz and /slack/events, Socket Mode
   * disconnected), waits for the engine to finish what it was handed, then stops the engine. Resolves false
   * if something was cut off (logged; unsent deliveries stay owed).
   */
  stop(timeoutMs: number): Promise<boolean>;
}

/**
 * Requests whose ack carries the listener's answer: a modal's errors, update or clear; the options of a
 * select. The front waits for the engine's ack for these; everything else is acked here at once.
 */
function ackIsTheAnswer(body: Record<string, unknown>): boolean {
  return body.type === 'view_submission' || body.type === 'block_suggestion';
}

/** Of a stop's time, what is kept for the engine's own stop (scheduler, database) after its requests. */
function engineShare(timeoutMs: number): number {
  return Math.min(5_000, timeoutMs / 5);
}

/**
 * The front: the thread Slack talks to. Bolt's receiver verifies each request (signature, Socket Mode); the
 * front acks it and hands it to the engine, so an ack never waits behind the listeners' queries, Block Kit or
 * Web API calls. It loads neither Bolt's App nor a database client: what Bolt does before the listeners
 * (authorizing, ignoring the bot's own events) the engine's App does. It acks only what the engine can still
 * do (admission.ts): a stalled engine, a full queue or one person's flood gets a visible "busy" or no ack.
 */
export async function startSlackFront(opts: {
  settings: FrontSettings;
  logger: Logger;
  engine: EngineLink;
  teamId: string;
  port?: number;
  host?: string;
  limits?: AdmissionLimits;
}): Promise<RunningFront> {
  const { settings, logger, engine } = opts;
  const inFlight = new InFlight();
  const admission = new Admission(opts.limits ?? DEFAULT_ADMISSION, () => engine.stalled());
  const metrics = new FrontMetrics(admission, () => engine.stats);
  const door = await createDoor({
    settings,
    logger,
    health: healthHandler(
      () => engine.health(),
      () => inFlight.stopping,
    ),
    stopping: () => inFlight.stopping,
    metrics: metrics.handler,
    tooLarge: () => metrics.tooLarge++,
    bodiesFull: () => metrics.refuse('bodies'),
  });
  const front: EventProcessor = {
    // Counted until acked; after that the engine's link counts it (the request itself is let go of here: a
    // backlog in the engine holds a body per request, not the HTTP exchange).
    processEvent: ({ body, ack, retryNum, retryReason }: ReceiverEvent) =>
      inFlight.run(async () => {
        const refused = admission.refusal(body);
        if (refused) {
          metrics.refuse(refused);
          logger.warn({ reason: refused, depth: admission.depth }, 'request turned away: Closeout is busy');
          // A command's ack is seen: it says so. Anything else is not acked (the receiver answers 503).
          if (isCommand(body)) return ack({ response_type: 'ephemeral', text: BUSY_TEXT });
          throw new BusyError(refused);
        }
        const release = admission.take(body);
        const answer = ackIsTheAnswer(body);
        let forwarded: Forwarded;
        try {
          forwarded = engine.forward({ body, retryNum, retryReason, answer });
        } catch (error) {
          // Not handed over (it could not be copied to the engine): not taken on, and not acked (500).
          release();
          throw error;
        }
        void forwarded.done.then(release);
        // A failed answer throws here: the receiver answers Slack with an error, as if the listener had thrown.
        await ack(answer ? await forwarded.answer : undefined);
        metrics.acked++;
      }),
  };
  // A receiver asks what it is given for processEvent() alone (Bolt's Receiver contract).
  door.receiver.init(front as App);
  const port = await openDoor(door, opts.port ?? settings.PORT, opts.host);
  logger.info({ port, mode: door.socket ? 'socket' : 'http', team: opts.teamId }, 'Closeout is running');

  return {
    port,
    metrics,
    async stop(timeoutMs) {
      // One deadline for all of it; the engine is told how long it has, and not waited for beyond that.
      const deadline = Date.now() + timeoutMs;
      const left = (reserve = 0) => Math.max(0, deadline - reserve - Date.now());
      const draining = inFlight.drain(left(engineShare(timeoutMs)));
      await within(closeSocket(door), left(engineShare(timeoutMs)));
      const drained = (await draining) && (await within(engine.idle(), left(engineShare(timeoutMs))));
      if (!drained) {
        logger.warn(
          { running: engine.pending, unfinished: engine.unfinished() },
          'stopping with acknowledged requests unfinished',
        );
      }
      const settled = await engine.stop(left());
      if (!settled) logger.warn('the engine did not stop within the shutdown timeout');
      await within(closeServer(door), left());
      return drained && settled;
    },
  };
}
