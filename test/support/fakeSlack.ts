// The tests' Slack Web API is the sandbox's Slack stand-in (src/sandbox/slack): one implementation, so
// what the tests hold the app to is what a person trying the sandbox sees. Test-side names kept here.
import { startSlackStandIn, type SlackStandIn, type SlackStandInOptions } from '../../src/sandbox/slack/index.js';

export type {
  RecordedResponse,
  RecordedUpload,
  SlackCall,
  SlackFailure,
  StoredMessage,
} from '../../src/sandbox/slack/index.js';
export type FakeSlack = SlackStandIn;
export type FakeSlackOptions = SlackStandInOptions;

export function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  return startSlackStandIn(options);
}
