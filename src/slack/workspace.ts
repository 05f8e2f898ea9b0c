import type { WebClient } from '@slack/web-api';
import { z } from 'zod';

/** Whom the bot token belongs to, as Slack's auth.test says. */
export interface Workspace {
  teamId: string | undefined;
  enterpriseId: string | undefined;
  /** An org-wide install serves every workspace of its Enterprise Grid organization. */
  orgWide: boolean;
}

const AuthTest = z.object({
  team_id: z.string().optional(),
  enterprise_id: z.string().optional(),
  is_enterprise_install: z.boolean().optional(),
});

const nonEmpty = (s: string | undefined): string | undefined => (s === undefined || s === '' ? undefined : s);

/**
 * A workspace that joins an Enterprise Grid organization, or an install made org-wide, changes what
 * auth.test answers while the app runs; asking again at most this often lets such a request in
 * without a restart, and a flood of foreign requests costs Slack one call a minute.
 */
export const RECHECK_EVERY_MS = 60 * 1000;

/**
 * Asks auth.test once and keeps the answer; a failed ask is asked again next time. `recheck` asks
 * again, at most once a minute.
 */
export class WorkspaceIdentity {
  private known: Promise<Workspace> | undefined;
  private answered: Workspace | undefined;
  private askedAt = Number.NEGATIVE_INFINITY;
  private rechecking: Promise<Workspace> | undefined;
  private readonly now: () => Date;

  constructor(
    private readonly client: WebClient,
    options: { now?: () => Date } = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** What auth.test answered, once it has. */
  current(): Workspace | undefined {
    return this.answered;
  }

  get(): Promise<Workspace> {
    this.known ??= this.ask().catch((error: unknown) => {
      this.known = undefined;
      throw error;
    });
    return this.known;
  }

  /**
   * What auth.test answers now, for a request the known answer refuses: asked again unless it was
   * asked less than a minute ago (then the known answer). Requests arriving together share one ask.
   */
  recheck(): Promise<Workspace> {
    if (this.rechecking !== undefined) return this.rechecking;
    if (this.now().getTime() - this.askedAt < RECHECK_EVERY_MS) return this.get();
    const asked = this.ask();
    this.rechecking = asked;
    // Its answer is the known one from now on; a failure leaves the known answer as it was.
    void asked.then(
      (answer) => {
        this.known = Promise.resolve(answer);
        this.rechecking = undefined;
      },
      () => {
        this.rechecking = undefined;
      },
    );
    return asked;
  }

  private async ask(): Promise<Workspace> {
    this.askedAt = this.now().getTime();
    const answer = AuthTest.parse(await this.client.auth.test());
    this.answered = {
      teamId: nonEmpty(answer.team_id),
      enterpriseId: nonEmpty(answer.enterprise_id),
      orgWide: answer.is_enterprise_install === true,
    };
    return this.answered;
  }
}

/** Where a request says it comes from. */
export interface RequestOrigin {
  teamId: string | undefined;
  enterpriseId: string | undefined;
}

/**
 * Deny unless the request names our workspace: an org-wide install takes any workspace of its
 * organization; any other install only its own team, and no other organization.
 */
export function servesOrigin(ours: Workspace, origin: RequestOrigin): boolean {
  if (ours.orgWide) return ours.enterpriseId !== undefined && origin.enterpriseId === ours.enterpriseId;
  if (ours.teamId === undefined || origin.teamId !== ours.teamId) return false;
  return origin.enterpriseId === undefined || origin.enterpriseId === ours.enterpriseId;
}

const Origin = z.looseObject({
  team_id: z.string().nullish(),
  enterprise_id: z.string().nullish(),
  team: z.looseObject({ id: z.string().nullish() }).nullish(),
  enterprise: z.looseObject({ id: z.string().nullish() }).nullish(),
  user: z.looseObject({ team_id: z.string().nullish() }).nullish(),
});

/** The team and organization a payload names (slash command, interaction or event). */
export function originOf(body: unknown): RequestOrigin {
  const parsed = Origin.safeParse(body);
  if (!parsed.success) return { teamId: undefined, enterpriseId: undefined };
  const b = parsed.data;
  return {
    teamId: nonEmpty(b.team_id ?? b.team?.id ?? b.user?.team_id ?? undefined),
    enterpriseId: nonEmpty(b.enterprise_id ?? b.enterprise?.id ?? undefined),
  };
}
