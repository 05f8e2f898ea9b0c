import { performance } from 'node:perf_hooks';
import { App, type Receiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { SlackDispatch } from './http/slackEvents.js';
import type { DestinationStream } from 'pino';
import { CATALOGUE, type Catalogue } from './actions/catalogue/index.js';
import { Approvals } from './actions/approvals.js';
import { approversByVerb } from './actions/approvalStep.js';
import { GroupMembers } from './actions/auth/groupMembers.js';
import { maxInFlightMs, Pipeline, type PipelineDeps } from './actions/pipeline.js';
import { registerCommands } from './commands/index.js';
import { opensModal } from './commands/opensModal.js';
import type { Settings } from './config/index.js';
import type { AppDeps } from './deps.js';
import { registerEvents } from './events/index.js';
import { arrivalOf } from './http/arrival.js';
import { BoltReceiver } from './http/boltReceiver.js';
import { startFrontDoor } from './http/frontDoor.js';
import { RequestsInProgress } from './http/inProgress.js';
import type { ExtraRoute } from './http/router.js';
import { registerInteractions } from './interactions/index.js';
import { registerWorkflowSteps, WorkflowStepEnds } from './workflows/index.js';
import { createLogger, type Logger } from './logger.js';
import { Metrics } from './metrics.js';
import { phloClientFor } from './phloClient.js';
import { AFTER_ACK_QUIET_MS, afterAckLine } from './afterAckLine.js';
import { boltLogger } from './slack/boltLogger.js';
import { socketModeReceiver, type SocketMode, type SocketModeTiming } from './slack/socketMode.js';
import { acksEarly } from './slack/earlyAck.js';
import { CallThreads } from './slack/callThreads.js';
import { AcknowledgingReceiver, registerGuards } from './slack/guards/index.js';
import { PacedWebClient } from './slack/pacedClient.js';
import { WorkspaceIdentity } from './slack/workspace.js';
import { answerError, answerTarget } from './slack/errorHandler.js';
import { InFlight } from './slack/inFlight.js';
import { SlackReplies } from './slack/replies.js';
import { SlackResponder } from './slack/responder.js';
import { sweepUnknownOutcomes } from './slack/unknownOutcomes.js';
import { logPreflight } from './preflight/command.js';
import { startRetention } from './retention.js';
import type { Store } from './store/index.js';
import { openAppStore } from './appStore.js';

export type { ExtraRoute } from './http/router.js';

export interface StartOptions {
  settings: Settings;
  /** Where JSON log lines go (stdout by default); tests pass an in-memory stream. */
  logDestination?: DestinationStream;
  now?: () => Date;
  /** Slack Web API client bounds; tests shorten them. */
  slackRetries?: number;
  slackTimeoutMs?: number;
  dedupWindowMs?: number;
  /** Paths served by others on the main port (the sandbox); the app's own routes come first. */
  extraRoutes?: ExtraRoute[];
  /** Binds the metrics listener to a free port whatever METRICS_PORT says (tests run many apps at once). */
  ephemeralMetricsPort?: boolean;
  /** The actions the app offers: the app's own catalogue unless a test gives another. */
  catalogue?: Catalogue;
  /** Between sweeps for requests for approval past their deadline (30 s by default). */
  approvalSweepMs?: number;
  /** Socket Mode's reconnect backoff and how long without a socket /healthz tolerates; tests shorten them. */
  socketModeTiming?: SocketModeTiming;
  /** Reads Slack's auth.test and every configured PHLO and node once started, and logs what it found; on by default in production. */
  preflight?: boolean;
}

export interface RunningApp {
  /** The HTTP port actually bound (PORT=0 picks a free one). */
  port: number;
  /** The address the listeners are bound to (HOST). */
  host: string;
  /** The metrics listener's port; undefined when METRICS_PORT=0 turned it off. */
  metricsPort: number | undefined;
  logger: Logger;
  store: Store;
  /** Stops taking requests, waits for in-flight actions to finish and be recorded, closes everything. */
  stop(): Promise<void>;
}

const GROUP_CACHE_MS = 5 * 60 * 1000;
/** After in-flight actions are done, how long requests still in progress get before their connections close. */
const DRAIN_GRACE_MS = 5000;

/** Builds and starts phlo-bot from validated settings. */
export async function startApp(options: StartOptions): Promise<RunningApp> {
  const { env, transport, config } = options.settings;
  // Its words say which verbs wait for whose approval (confirm dialogs, requests): from the configuration.
  const catalogue = (options.catalogue ?? CATALOGUE).withApprovers(approversByVerb(config));
  const now = options.now ?? (() => new Date());
  const logger = createLogger(env.LOG_LEVEL, options.logDestination);
  const metrics = new Metrics();
  const store = await openAppStore(env.DATABASE_URL, logger, metrics);

  const phlo = phloClientFor(env, {
    onRequest: (event) => {
      metrics.phloRequests.inc({ operation: event.operation, status: String(event.status) });
      metrics.phloLatency.observe({ operation: event.operation }, event.durationMs / 1000);
    },
    onQueueWait: (waitedMs) => { metrics.phloQueueWait.observe(waitedMs / 1000); },
  });
  metrics.watchPhloQueue(() => phlo.queueState);

  // The Web API client's defaults retry for about half an hour with no timeout: far too long for a live call.
  const clientOptions: WebClientOptions = {
    ...(env.SLACK_API_URL === undefined ? {} : { slackApiUrl: env.SLACK_API_URL }),
    retryConfig: { retries: options.slackRetries ?? 2, factor: 2, minTimeout: 250, maxTimeout: 2000, randomize: true },
    timeout: options.slackTimeoutMs ?? 5000,
  };
  // Our own calls go through a client whose 429s pause only the method (or channel) they cover;
  // Bolt's own client is left for Bolt.
  const slackClient = new PacedWebClient(env.SLACK_BOT_TOKEN, clientOptions, (method, warning) => {
    logger.warn({ method, warning }, 'Slack warned about a call');
  });
  const workspace = new WorkspaceIdentity(slackClient, { now });
  const slackRequests = new RequestsInProgress(AFTER_ACK_QUIET_MS);
  const afterAck = afterAckLine({
    phloMaxConcurrency: env.PHLO_MAX_CONCURRENCY,
    isBusy: () => slackRequests.busy(),
    isBackedUp: () => phlo.queueState.queued >= env.PHLO_MAX_CONCURRENCY,
    onError: (error: unknown) => { logger.error({ err: error }, 'a Slack request failed after its ack'); },
  });
  metrics.watchAfterAck(() => ({ waiting: afterAck.size, running: afterAck.running }));
  let receiver: Receiver;
  let socketMode: SocketMode | undefined;
  let slackHttp: { signingSecret: string; dispatch: SlackDispatch; inProgress: RequestsInProgress } | undefined;
  if (transport.mode === 'http') {
    const http = new BoltReceiver({
      logger,
      // The ack clock starts when the request reached the server, not when Bolt got to it; the
      // signature identifies one signed request, which the replay guard remembers.
      customProperties: (req) => ({
        receivedAt: arrivalOf(req) ?? performance.now(),
        slackSignature: req.headers['x-slack-signature'],
        slackRequestTimestamp: req.headers['x-slack-request-timestamp'],
      }),
      acksEarly: (body) => acksEarly(workspace.current(), body),
      goesFirst: (body) => opensModal(catalogue, body),
      line: afterAck,
    });
    receiver = http;
    slackHttp = { signingSecret: transport.signingSecret, dispatch: (req, res, body) => { http.dispatch(req, res, body); }, inProgress: slackRequests };
  } else {
    socketMode = socketModeReceiver({
      appToken: transport.appToken,
      logger,
      metrics,
      clientOptions,
      ...(options.socketModeTiming === undefined ? {} : { timing: options.socketModeTiming }),
    });
    receiver = socketMode.receiver;
  }
  const app = new App({
    token: env.SLACK_BOT_TOKEN,
    // Whichever receiver: a request no listener acknowledges is acknowledged all the same.
    receiver: new AcknowledgingReceiver(receiver, { logger, metrics }),
    clientOptions,
    logger: boltLogger(logger),
    deferInitialization: true,
    extendedErrorHandler: true,
    // phlo-bot keeps its state in its own store; Bolt's in-memory conversation store would look every
    // request's channel up, and on a miss build and throw an Error (stack trace and all) per request.
    convoStore: false,
  });
  await app.init();

  const replies = new SlackReplies(slackClient, logger);
  const groups = new GroupMembers(
    async (usergroup) => (await slackClient.usergroups.users.list({ usergroup })).users ?? [],
    GROUP_CACHE_MS,
    logger,
  );
  const threads = new CallThreads(store, replies, now, logger, catalogue);
  const inFlight = new InFlight(logger);
  const responder = new SlackResponder(replies, catalogue);
  const pipelineDeps: PipelineDeps = {
    config,
    catalogue,
    store,
    phlo,
    groups,
    threads,
    responder,
    logger,
    metrics,
    now,
    phloTimeoutMs: env.PHLO_TIMEOUT_MS,
    dedupWindowMs: options.dedupWindowMs ?? 5000,
  };
  const pipeline = new Pipeline(pipelineDeps);
  // Workflow Builder steps end through this, from their listener or, after an approval, from Approvals.
  const stepEnds = new WorkflowStepEnds({ client: slackClient, store, responder, catalogue, logger, metrics });
  const approvals = new Approvals(pipelineDeps, pipeline, stepEnds);
  const deps: AppDeps = { config, catalogue, store, pipeline, approvals, replies, groups, logger, metrics, inFlight, now, slackClient };

  // Asked now so the first request needn't wait; a failure here is asked again on that request.
  workspace.get().catch((error: unknown) => { logger.warn({ err: error }, 'auth.test failed; will ask again on the next request'); });
  registerGuards(app, { workspace, store, metrics, logger, now });
  registerCommands(app, deps);
  registerInteractions(app, deps);
  registerEvents(app, deps);
  registerWorkflowSteps(app, { ...deps, steps: stepEnds });
  // With extendedErrorHandler the handler also gets the payload, to know whom to answer.
  app.error(async ({ error, body }: { error: Error; body: unknown }) => {
    await answerError(deps, error, answerTarget(body));
  });

  const frontDoor = await startFrontDoor({
    host: env.HOST,
    port: transport.port,
    metricsPort: options.ephemeralMetricsPort === true ? 0 : env.METRICS_PORT === 0 ? undefined : env.METRICS_PORT,
    store,
    metrics,
    logger,
    ...(slackHttp === undefined ? {} : { slack: slackHttp }),
    ...(options.extraRoutes === undefined ? {} : { extraRoutes: options.extraRoutes }),
    healthProbes: socketMode === undefined ? [] : [() => socketMode.connection.health()],
  });
  if (transport.mode === 'socket') await app.start();
  const { port, metricsPort } = frontDoor;
  logger.info({ port, host: env.HOST, metricsPort, mode: transport.mode, store: store.dialect }, 'phlo-bot started');

  const sweeps = await sweepUnknownOutcomes({
    store,
    threads,
    replies,
    logger,
    now,
    maxInFlightMs: maxInFlightMs(env.PHLO_TIMEOUT_MS),
  });
  // A wrong node id is told in the log at start, not by the first agent mid-call; a failure only warns,
  // since PHLO or Slack may be briefly out of reach. It reads, so it never delays a request.
  if (options.preflight ?? env.NODE_ENV === 'production') {
    logPreflight({ config, slack: slackClient, phlo }, logger).catch((error: unknown) => {
      logger.warn({ err: error }, 'start-up checks could not run');
    });
  }
  // Prunes history older than history_retention_days now and daily; the timer never holds the process up.
  const retention = startRetention({ store, logger, days: config.history_retention_days, now });
  // Requests past their deadline expire now (a restart's leftovers) and then on every sweep.
  const approvalSweep = approvals.startSweeping(options.approvalSweepMs);

  let stopping: Promise<void> | undefined;
  return {
    port,
    host: env.HOST,
    metricsPort,
    logger,
    store,
    stop: () =>
      (stopping ??= (async () => {
        logger.info({ inFlight: inFlight.size }, 'stopping: draining in-flight actions');
        frontDoor.stopAccepting();
        sweeps.stop();
        socketMode?.stopReconnecting();
        if (transport.mode === 'socket') await app.stop();
        // Requests answered early wait in the after-ack line: Slack has its answer, so each still runs.
        await afterAck.drain();
        await inFlight.drain();
        // A client holding a half-sent request would keep the server open forever: bounded grace, then close.
        await frontDoor.close(DRAIN_GRACE_MS);
        // A request that finished during the grace may have started an action. One still being handled
        // when its connection was cut was never answered: it must not start now, after this last drain.
        await afterAck.drain();
        inFlight.close();
        await inFlight.drain();
        // Cards catch up with their calls' last actions a moment after the replies; they still read the store.
        await threads.cardsSettled();
        await retention.stop();
        await approvalSweep.stop();
        await phlo.close();
        await slackClient.close();
        // Closing writes the outcomes still held once more, for a few seconds at most.
        await store.close();
        if (store.heldOutcomes.size > 0) {
          logger.error({ unwritten: store.heldOutcomes.size }, 'stopped with outcomes the database refused; their rows stay pending and read unknown at the next start');
        }
        logger.info('stopped');
        // The destination writes asynchronously: let the last lines out before the process exits.
        await new Promise<void>((resolve) => { logger.flush(() => { resolve(); }); });
      })()),
  };
}
