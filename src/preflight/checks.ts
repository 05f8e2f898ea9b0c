import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Config } from '../config/index.js';
import type { PhloClient } from '../plivo/index.js';
import { phloCheckFailure, slackCheckFailure } from '../text/preflight.js';

/** One thing checked before an agent finds it broken: what, whether it holds, and why not. */
export interface CheckResult {
  ok: boolean;
  /** What was checked, in the words of the configuration ("PHLO support (4c1a…)"). */
  subject: string;
  /** What was found: whom the token belongs to, the PHLO's name, or what failed. */
  detail: string;
}

export interface PreflightDeps {
  config: Config;
  slack: WebClient;
  phlo: PhloClient;
}

const AuthTest = z.object({
  team: z.string().optional(),
  team_id: z.string().optional(),
  enterprise_id: z.string().optional(),
  is_enterprise_install: z.boolean().optional(),
  user: z.string().optional(),
});

/**
 * Reads, and only reads, what phlo-bot depends on: Slack's auth.test for the bot token, then each
 * configured PHLO and each of its multiparty call nodes from PHLO. Nothing is changed anywhere.
 */
export async function runPreflight(deps: PreflightDeps): Promise<CheckResult[]> {
  const results: CheckResult[] = [await checkSlack(deps.slack)];
  for (const [alias, phlo] of Object.entries(deps.config.phlos)) {
    const phloResult = await checkPhlo(deps.phlo, alias, phlo.id);
    results.push(phloResult);
    // A PHLO that cannot be read says nothing about its nodes, and the same failure would repeat for each.
    if (!phloResult.ok) continue;
    for (const [nodeAlias, nodeId] of Object.entries(phlo.nodes)) {
      results.push(await checkNode(deps.phlo, alias, phlo.id, nodeAlias, nodeId));
    }
  }
  return results;
}

async function checkSlack(slack: WebClient): Promise<CheckResult> {
  const subject = 'Slack bot token';
  try {
    const answer = AuthTest.parse(await slack.auth.test());
    const where =
      answer.is_enterprise_install === true
        ? `the Enterprise Grid organization ${answer.enterprise_id ?? '(no id)'} (org-wide install)`
        : `the workspace ${answer.team ?? ''} (${answer.team_id ?? 'no team id'})${answer.enterprise_id === undefined || answer.enterprise_id === '' ? '' : ` in the organization ${answer.enterprise_id}`}`;
    return { ok: true, subject, detail: `belongs to ${where}${answer.user === undefined ? '' : `, as @${answer.user}`}` };
  } catch (error) {
    return { ok: false, subject, detail: `auth.test failed: ${slackCheckFailure(error)}` };
  }
}

async function checkPhlo(phlo: PhloClient, alias: string, id: string): Promise<CheckResult> {
  const subject = `PHLO ${alias} (${id})`;
  try {
    const found = await phlo.getPhlo(id);
    return { ok: true, subject, detail: `found: "${found.name ?? 'no name'}"` };
  } catch (error) {
    return { ok: false, subject, detail: phloCheckFailure(error) };
  }
}

async function checkNode(phlo: PhloClient, phloAlias: string, phloId: string, alias: string, id: string): Promise<CheckResult> {
  const subject = `node ${alias} (${id}) of PHLO ${phloAlias}`;
  try {
    const node = await phlo.getMultiPartyCall(phloId, id);
    if (node.nodeType !== undefined && node.nodeType !== 'multi_party_call') {
      return { ok: false, subject, detail: `is a ${node.nodeType} node, not a multiparty call node` };
    }
    return { ok: true, subject, detail: `found: multiparty call node "${node.name ?? 'no name'}"` };
  } catch (error) {
    return { ok: false, subject, detail: phloCheckFailure(error) };
  }
}
