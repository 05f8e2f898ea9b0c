import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_seen_requests.js';
import * as m0003 from './0003_approvals.js';
import * as m0004 from './0004_action_source.js';
import * as m0005 from './0005_call_members.js';
import * as m0006 from './0006_slack_deliveries.js';
import * as m0007 from './0007_write_probe.js';

// Listed explicitly, not found by globbing a folder, so they are bundled into dist/ and cannot go missing.
// Names sort in the order they must run; never rename or edit one that has shipped: add a new one.
const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_seen_requests': m0002,
  '0003_approvals': m0003,
  '0004_action_source': m0004,
  '0005_call_members': m0005,
  '0006_slack_deliveries': m0006,
  '0007_write_probe': m0007,
};

export class StaticMigrationProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations);
  }
}
