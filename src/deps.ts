import type { WebClient } from '@slack/web-api';
import type { Catalogue } from './actions/catalogue/index.js';
import type { Approvals } from './actions/approvals.js';
import type { Pipeline } from './actions/pipeline.js';
import type { GroupMembers } from './actions/auth/groupMembers.js';
import type { Config } from './config/index.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { InFlight } from './slack/inFlight.js';
import type { SlackReplies } from './slack/replies.js';
import type { Store } from './store/index.js';

/** What listeners are given: the pipeline and the few services around it. */
export interface AppDeps {
  config: Config;
  /** The actions the app offers, parses and renders. */
  catalogue: Catalogue;
  store: Store;
  pipeline: Pipeline;
  /** Deciding and expiring requests for approval. */
  approvals: Approvals;
  replies: SlackReplies;
  groups: GroupMembers;
  logger: Logger;
  metrics: Metrics;
  inFlight: InFlight;
  now: () => Date;
  /** The Web API client, for calls SlackReplies doesn't wrap (the history's CSV upload into a DM). */
  slackClient: WebClient;
}
