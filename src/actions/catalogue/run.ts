/** Running a PHLO with a payload, and reading a run back. */
import { z } from 'zod';
import { RUN_PARAM_KEY } from '../../domain/vocabulary.js';
import { grammar, known, list, REASON_FLAG } from './shared.js';
import type { ActionSpec } from './types.js';

/** The longest parameter name and value a run sends, and how many parameters at most (a Start node has a few). */
export const RUN_PARAM_LIMITS = { key: 100, value: 2000, count: 100 } as const;

/**
 * A run's payload, sent as given. Not z.record: it would drop a key named `__proto__`, and PHLO
 * must get exactly the keys the user typed. Each bad key is its own issue, so a form can say which.
 */
const RunParams = z.custom<Record<string, string>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
  error: 'must be key=value pairs',
}).superRefine((params, ctx) => {
  const entries = Object.entries(params);
  if (entries.length > RUN_PARAM_LIMITS.count) {
    ctx.addIssue({ code: 'custom', message: `at most ${RUN_PARAM_LIMITS.count} parameters (${entries.length} given)` });
    return;
  }
  for (const [key, value] of entries) {
    const problem = !RUN_PARAM_KEY.test(key)
      ? `"${key.slice(0, 100)}" is not a valid parameter name (letters, digits, _ . -, not starting with a digit or . or -)`
      : key.length > RUN_PARAM_LIMITS.key
        ? `a parameter name is at most ${RUN_PARAM_LIMITS.key} characters`
        : typeof value !== 'string'
          ? `the value of "${key.slice(0, 100)}" is not text`
          : value.length > RUN_PARAM_LIMITS.value
            ? `a value is at most ${RUN_PARAM_LIMITS.value} characters ("${key.slice(0, 100)}" has more)`
            : undefined;
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: problem });
  }
});
const RunInput = z.object({ params: RunParams.default({}) });
const RunStatusInput = z.object({ runId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'is not a run id') });

// Outside the entry, so its verb keeps its literal type.
const RUN_GRAMMAR = grammar({
  verb: 'run',
  positionals: [
    { name: 'phlo', kind: 'word', required: true },
    { name: 'params', kind: 'params', required: false },
  ],
  flags: REASON_FLAG,
  whenMissing: 'form',
  summary:
    'Runs a PHLO, passing each key=value to its Start node as typed. Quote values with spaces: ' +
    'note="two words". Without a PHLO it opens the run form.',
  examples: ['/phlo run support', '/phlo run support from=+14155550100 to=+14155551234 note="two words"'],
  action: () => 'run',
});

export const run = {
  name: 'run',
  grammar: RUN_GRAMMAR,
  permission: 'run',
  scope: 'phlo',
  kind: 'change',
  input: RunInput,
  words: { label: 'Run', phrase: () => ({ done: 'ran the PHLO', todo: 'run the PHLO' }) },
  form: { kind: 'run' },
  perform: async (client, { phlo, input }) => {
    const result = await client.runPhlo(phlo.id, input.params);
    // The run id is what `/phlo run-status` takes, so the reply says it even when `api_id` is missing.
    return { apiId: result.apiId, status: result.status, message: result.message, facts: known([['run id', result.runId]]) };
  },
  next: () => [],
} satisfies ActionSpec<typeof RunInput>;

// Outside the entry, so its verb keeps its literal type.
const RUN_STATUS_GRAMMAR = grammar({
  verb: 'run-status',
  positionals: [
    { name: 'phlo', kind: 'word', required: true },
    { name: 'runId', display: 'run_id', kind: 'word', required: true },
  ],
  flags: {},
  whenMissing: 'refuse',
  summary: 'Shows a PHLO run: its calls, messages and recordings.',
  examples: ['/phlo run-status support 9a9c3b74-1c4e-4bc3-a3f7-4b5b2c9f0e51'],
  action: () => 'run_status',
});

export const runStatus = {
  name: 'run_status',
  grammar: RUN_STATUS_GRAMMAR,
  permission: 'status',
  scope: 'phlo',
  kind: 'read',
  input: RunStatusInput,
  words: { label: 'Run status', phrase: () => ({ done: 'looked up a PHLO run', todo: 'look up a PHLO run' }) },
  perform: async (client, { phlo, input }) => {
    const found = await client.getRun(phlo.id, input.runId);
    return {
      apiId: found.apiId,
      status: found.status,
      facts: known([
        ['run', found.runId ?? input.runId],
        ['calls', list(found.callUuids)],
        ['messages', list(found.messageUuids)],
        ['recordings', list(found.recordingIds)],
      ]),
    };
  },
  next: () => [],
} satisfies ActionSpec<typeof RunStatusInput>;
