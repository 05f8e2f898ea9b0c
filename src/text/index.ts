// Every sentence a Slack user reads, by surface. Errors carry codes and data; these modules turn
// them into words, escaping anything that came from a user or PHLO.
export * from './errors.js';
export * from './history.js';
export * from './modals.js';
export * from './replies.js';
export * from './rich.js';
export * from './approvals.js';
export * from './workflows.js';
