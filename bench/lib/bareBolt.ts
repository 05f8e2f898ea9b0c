/**
 * The baseline: a Bolt app that only acks `/phlo`, with the receiver phlo-bot uses (HTTPReceiver on
 * /slack/events, signing secret checked, acknowledged before processing) and its Web API pointed at
 * the Slack stand-in. Run as its own process: `node --import tsx bench/lib/bareBolt.ts`, with PORT,
 * SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and SLACK_API_URL set; prints "listening <port>".
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const need = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
};

const receiver = new HTTPReceiver({
  signingSecret: need('SLACK_SIGNING_SECRET'),
  endpoints: '/slack/events',
  processBeforeResponse: false,
  logLevel: LogLevel.ERROR,
});
const app = new App({
  token: need('SLACK_BOT_TOKEN'),
  receiver,
  clientOptions: { slackApiUrl: need('SLACK_API_URL') },
  logLevel: LogLevel.ERROR,
  deferInitialization: true,
});
await app.init();
app.command('/phlo', async ({ ack }) => {
  await ack();
});
const server = await receiver.start(Number(need('PORT')));
const address = server.address();
process.stdout.write(`listening ${typeof address === 'object' && address !== null ? address.port : ''}\n`);
process.once('SIGTERM', () => {
  receiver.stop().then(() => process.exit(0), () => process.exit(1));
});
