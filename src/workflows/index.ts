import type { App } from '@slack/bolt';
import { stepListener, type StepListenerDeps } from './stepListener.js';
import { WORKFLOW_STEPS } from './steps.js';

export { WorkflowStepEnds } from './stepEnds.js';
export { WORKFLOW_STEPS } from './steps.js';

/** One `function_executed` listener per step the manifest declares. */
export function registerWorkflowSteps(app: App, deps: StepListenerDeps): void {
  for (const step of WORKFLOW_STEPS) app.function(step.callbackId, stepListener(deps, step));
}
