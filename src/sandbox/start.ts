// `npm start` with no Slack credentials: the real app, unchanged, behind an in-process Slack stand-in
// and (unless PHLO credentials are set) the PHLO simulator, with the page at /sandbox on the app's port.
import { randomBytes } from 'node:crypto';
import type { DestinationStream } from 'pino';
import { startApp, type ExtraRoute, type RunningApp } from '../app.js';
import { isLoopbackHost, loadSandboxSettings, maskUrlPassword, sandboxAppSettings } from '../config/index.js';
import { startPhloSimulator, type PhloSimulator } from '../plivo/simulator/index.js';
import { packageFile } from './assets.js';
import { simulatedPhlos } from './calls.js';
import { DEMO_CONFIG_YAML, DEMO_NAMES } from './demo.js';
import { createDriver } from './driver.js';
import { ownHosts } from './origin.js';
import { sandboxRoute } from './routes.js';
import { Sandbox } from './sandbox.js';
import { startSlackStandIn } from './slack/index.js';
import { readSteps } from './steps.js';
import { buildWorkspace } from './workspace.js';

export interface RunningSandbox extends RunningApp {
  /** e.g. http://127.0.0.1:3000/sandbox */
  url: string;
}

export async function startSandbox(
  options: {
    source?: NodeJS.ProcessEnv;
    logDestination?: DestinationStream;
    /** The manifest whose workflow steps the Workflows panel offers; this package's manifest.yml by default. */
    manifestFile?: string;
  } = {},
): Promise<RunningSandbox> {
  const settings = loadSandboxSettings(DEMO_CONFIG_YAML, options.source);
  const workspace = buildWorkspace(settings.config, settings.demo ? DEMO_NAMES : {});
  const slack = await startSlackStandIn({ teamId: workspace.teamId, teamDomain: 'sandbox', directory: workspace.directory });
  // Groups of the configuration exist, empty: the sandbox has no way to put people in them.
  for (const group of Object.keys(settings.config.groups)) slack.setUserGroup(group, []);

  let phlo: PhloSimulator | undefined;
  const phloAuth = { authId: `MASANDBOX${randomBytes(6).toString('hex').toUpperCase()}`, authToken: randomBytes(16).toString('hex') };
  if (!settings.realPhlo) phlo = await startPhloSimulator({ ...phloAuth, phlos: simulatedPhlos(settings.config) });

  const signingSecret = randomBytes(24).toString('hex');
  const appSettings = sandboxAppSettings(settings, {
    slackApiUrl: slack.apiUrl,
    botToken: `xoxb-sandbox-${randomBytes(12).toString('hex')}`,
    signingSecret,
    ...(phlo === undefined ? {} : { phloUrl: phlo.url, ...phloAuth }),
  });

  const sandbox = new Sandbox(slack, phlo, settings.config, workspace, {
    configFile: settings.configFile,
    demo: settings.demo,
    database: maskUrlPassword(appSettings.env.DATABASE_URL),
    phlo: phlo === undefined ? 'real' : 'simulator',
  }, readSteps(options.manifestFile ?? packageFile('manifest.yml')));
  let eventsUrl = '';
  const driver = createDriver({ slack, workspace, signingSecret, eventsUrl: () => eventsUrl });
  // The route needs the app's logger, which exists only once the app does: until then, "starting".
  let handle: ExtraRoute['handle'] = (_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain' });
    res.end('starting');
  };
  let app: RunningApp;
  try {
    app = await startApp({
      settings: appSettings,
      ...(options.logDestination === undefined ? {} : { logDestination: options.logDestination }),
      extraRoutes: [{ prefix: '/sandbox', handle: (req, res) => { handle(req, res); } }],
    });
  } catch (error) {
    await Promise.all([slack.close(), phlo?.close()]);
    throw error;
  }
  const host = appSettings.transport.host;
  const loopback = isLoopbackHost(host);
  const browseHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const origin = `http://${browseHost.includes(':') ? `[${browseHost}]` : browseHost}:${app.port}`;
  const url = `${origin}/sandbox`;
  const route = sandboxRoute(sandbox, driver, app.logger, ownHosts(host, app.port));
  handle = (req, res) => { route.handle(req, res); };
  eventsUrl = `${origin}/slack/events`;

  const database = maskUrlPassword(appSettings.env.DATABASE_URL);
  const config = settings.demo ? `demo configuration (no ${settings.configFile})` : settings.configFile;
  // loadSandboxSettings refused real PHLO credentials on any address but loopback.
  const where = loopback ? `${host} only` : `${host} (set by HOST): anyone who can reach port ${app.port} can act as any user`;
  const phloWords = phlo === undefined ? 'the real PHLO API: actions here place and change real calls' : 'simulator';
  if (!loopback) {
    app.logger.warn(
      { host, port: app.port },
      `the sandbox listens on ${host}, not only on this machine, and has no sign-in: anyone who can reach port ${app.port} can act as any configured user`,
    );
  }
  app.logger.info(
    { url, host, config: settings.configFile, demo: settings.demo, phlo: phlo === undefined ? 'real PHLO API' : 'simulator', database },
    `phlo-bot sandbox: ${url} (listening on ${where}; config: ${config}; PHLO: ${phloWords})`,
  );

  return {
    ...app,
    url,
    stop: async () => {
      sandbox.close();
      await app.stop();
      await Promise.all([slack.close(), phlo?.close()]);
    },
  };
}
