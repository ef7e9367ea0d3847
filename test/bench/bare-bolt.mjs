/**
 * The floor the ack and memory figures are measured against: a bare Bolt app (the same @slack/bolt,
 * HTTP receiver and signed request path as Closeout) with one slash command that only acks, plus the
 * same GET /healthz. Plain JavaScript so nothing is transpiled at start. Env: PORT, SLACK_SIGNING_SECRET,
 * SLACK_API_URL.
 */
import bolt from '@slack/bolt';

const { App, HTTPReceiver, LogLevel } = bolt;

const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  customRoutes: [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"status":"ok"}');
      },
    },
  ],
});
const app = new App({
  token: 'xoxb-floor',
  receiver,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});
app.command('/closeout', async ({ ack }) => {
  await ack();
});
await app.start(Number(process.env.PORT));
process.once('SIGTERM', () => void app.stop().then(() => process.exit(0)));
