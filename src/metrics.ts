import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
  readonly slackAckLatency = new Histogram({
    name: 'slack_ack_duration_seconds',
    help: 'Time from receiving a Slack request to acknowledging it',
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3],
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
}
