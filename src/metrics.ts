import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The Prometheus metrics (docs/operations.md), on a registry of the app's own (tests start several apps). */
export class Metrics {
  readonly registry = new Registry();
  readonly phloRequests = new Counter({
    name: 'phlo_requests_total',
    help: 'PHLO API requests by operation and status (HTTP status, "timeout" or "network_error")',
    labelNames: ['operation', 'status'] as const,
    registers: [this.registry],
  });
  readonly phloLatency = new Histogram({
    name: 'phlo_request_duration_seconds',
    help: 'PHLO API request latency',
    labelNames: ['operation'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [this.registry],
  });
  /** How many PHLO requests are in flight and waiting in line, read when scraped (see watchPhloQueue). */
  private phloQueue: () => { inFlight: number; queued: number } = () => ({ inFlight: 0, queued: 0 });
  readonly phloInFlight = new Gauge({
    name: 'phlo_requests_in_flight',
    help: 'PHLO API requests sent and not yet answered (at most PHLO_MAX_CONCURRENCY)',
    registers: [this.registry],
    collect: () => { this.phloInFlight.set(this.phloQueue().inFlight); },
  });
  readonly phloQueued = new Gauge({
    name: 'phlo_requests_queued',
    help: 'PHLO API requests waiting for one in flight to finish',
    registers: [this.registry],
    collect: () => { this.phloQueued.set(this.phloQueue().queued); },
  });
  readonly phloQueueWait = new Histogram({
    name: 'phlo_request_queue_seconds',
    help: 'Time a PHLO API request waited in line before it was sent (0 when a slot was free)',
    buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
    registers: [this.registry],
  });
  private afterAckLine: () => { waiting: number; running: number } = () => ({ waiting: 0, running: 0 });
  readonly afterAckWaiting = new Gauge({
    name: 'slack_requests_after_ack_waiting',
    help: 'Slack requests answered at once and waiting to be handled (handled first come, after waiting acks)',
    registers: [this.registry],
    collect: () => { this.afterAckWaiting.set(this.afterAckLine().waiting); },
  });
  readonly afterAckRunning = new Gauge({
    name: 'slack_requests_after_ack_running',
    help: 'Slack requests answered at once and being handled now (at most 2 x PHLO_MAX_CONCURRENCY)',
    registers: [this.registry],
    collect: () => { this.afterAckRunning.set(this.afterAckLine().running); },
  });
  readonly sqliteWalPages = new Gauge({
    name: 'phlo_bot_sqlite_wal_pages',
    help: "Pages in SQLite's write-ahead log at its last checkpoint (SQLite only); it starts over after a pause in writes",
    registers: [this.registry],
  });
  readonly sqliteCheckpointFailures = new Counter({
    name: 'phlo_bot_sqlite_checkpoint_failures_total',
    help: "Failures of SQLite's checkpoint thread, or of starting a new one (SQLite checkpoints by itself meanwhile)",
    registers: [this.registry],
  });
  readonly sqliteCheckpointRestarts = new Counter({
    name: 'phlo_bot_sqlite_checkpoint_restarts_total',
    help: "New checkpoint threads started after SQLite's checkpoint thread failed",
    registers: [this.registry],
  });
  private heldOutcomeCount: () => number = () => 0;
  readonly outcomesHeld = new Gauge({
    name: 'phlo_bot_outcomes_held',
    help: 'Action outcomes the database refused, held in memory and written again until it takes them',
    registers: [this.registry],
    collect: () => { this.outcomesHeld.set(this.heldOutcomeCount()); },
  });
  readonly heldOutcomeWrites = new Counter({
    name: 'phlo_bot_held_outcome_writes_total',
    help: 'Tries to write an outcome the database had refused, by result (written, failed, settled, over_capacity: not held)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly slackAckLatency = new Histogram({
    name: 'slack_ack_duration_seconds',
    help: 'Time from receiving a Slack request to acknowledging it',
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3],
    registers: [this.registry],
  });
  readonly slackRedeliveries = new Counter({
    name: 'slack_event_redeliveries_total',
    help: 'Events API events Slack delivered again (same event_id or function_execution_id), acknowledged and not acted on, by retry reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly slackUnhandled = new Counter({
    name: 'slack_requests_unhandled_total',
    help: 'Slack requests no listener handles (an unknown callback id, action id or event type, view_closed...), acknowledged with an empty 200, by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly unverifiedBodiesRefused = new Counter({
    name: 'slack_unverified_bodies_refused_total',
    help: 'Request bodies on /slack/events refused before their signature was checked: too_slow (408, under the minimum rate) or no_room (503, the budget for unverified bodies full)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly slackSocketConnected = new Gauge({
    name: 'slack_socket_mode_connected',
    help: 'Socket Mode only: 1 while a socket to Slack is open, 0 while reconnecting',
    registers: [this.registry],
  });
  readonly slackSocketConnects = new Counter({
    name: 'slack_socket_mode_connects_total',
    help: 'Socket Mode only: sockets to Slack opened (the first one and every reconnect)',
    registers: [this.registry],
  });
  readonly slackSocketDisconnects = new Counter({
    name: 'slack_socket_mode_disconnects_total',
    help: "Socket Mode only: sockets to Slack closed, by reason (Slack's: refresh_requested, warning, link_disabled, too_many_websockets; or connection_lost)",
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly actions = new Counter({
    name: 'phlo_bot_actions_total',
    help: 'Actions by verb and outcome',
    labelNames: ['verb', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'phlo_bot_rate_limited_total',
    help: 'Actions refused because their user was over rate_limit.actions_per_minute, by verb',
    labelNames: ['verb'] as const,
    registers: [this.registry],
  });

  readonly approvals = new Counter({
    name: 'phlo_bot_approval_requests_total',
    help: 'Requests for approval by verb and outcome (requested, approved, rejected, expired)',
    labelNames: ['verb', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly approvalDecision = new Histogram({
    name: 'phlo_bot_approval_decision_seconds',
    help: 'Time from a request for approval to its decision (approved, rejected) or expiry',
    labelNames: ['verb', 'outcome'] as const,
    buckets: [5, 15, 30, 60, 120, 300, 600, 900, 1800, 3600],
    registers: [this.registry],
  });
  readonly workflowSteps = new Counter({
    name: 'phlo_bot_workflow_steps_total',
    help: 'Workflow Builder step runs ended, by step (callback id) and outcome (ok, failed, unknown, denied, invalid, duplicate, rejected, expired, error)',
    labelNames: ['step', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Where the after-ack line's gauge reads its length when /metrics is scraped. */
  watchAfterAck(read: () => { waiting: number; running: number }): void {
    this.afterAckLine = read;
  }

  /** Where the held outcomes' gauge reads their number when /metrics is scraped. */
  watchHeldOutcomes(read: () => number): void {
    this.heldOutcomeCount = read;
  }

  /** Where the PHLO queue gauges read their values when /metrics is scraped. */
  watchPhloQueue(read: () => { inFlight: number; queued: number }): void {
    this.phloQueue = read;
  }
}
