import type { Config, Permission } from './file.js';
import { PERMISSIONS } from './file.js';

export interface PhloTarget {
  alias: string;
  id: string;
  name: string;
}
export interface NodeTarget {
  alias: string;
  id: string;
}

/** The PHLO named by alias or id, if the configuration names it. */
export function findPhlo(config: Config, aliasOrId: string): PhloTarget | undefined {
  // hasOwn: an alias such as "constructor" must not find Object.prototype's.
  const byAlias = Object.hasOwn(config.phlos, aliasOrId) ? config.phlos[aliasOrId] : undefined;
  if (byAlias !== undefined) return { alias: aliasOrId, id: byAlias.id, name: byAlias.name ?? aliasOrId };
  const lower = aliasOrId.toLowerCase();
  for (const [alias, phlo] of Object.entries(config.phlos)) {
    if (phlo.id.toLowerCase() === lower) return { alias, id: phlo.id, name: phlo.name ?? alias };
  }
  return undefined;
}

/** A node of that PHLO by alias or id. */
export function findNode(config: Config, phlo: PhloTarget, aliasOrId: string): NodeTarget | undefined {
  const nodes = config.phlos[phlo.alias]?.nodes ?? {};
  const byAlias = Object.hasOwn(nodes, aliasOrId) ? nodes[aliasOrId] : undefined;
  if (byAlias !== undefined) return { alias: aliasOrId, id: byAlias };
  const lower = aliasOrId.toLowerCase();
  for (const [alias, id] of Object.entries(nodes)) {
    if (id.toLowerCase() === lower) return { alias, id };
  }
  return undefined;
}

/** The node used when none is named: the PHLO's default_node, or its only node. */
export function defaultNode(config: Config, phlo: PhloTarget): NodeTarget | undefined {
  const entry = Object.hasOwn(config.phlos, phlo.alias) ? config.phlos[phlo.alias] : undefined;
  if (entry === undefined) return undefined;
  const alias = entry.default_node ?? (Object.keys(entry.nodes).length === 1 ? Object.keys(entry.nodes)[0] : undefined);
  if (alias === undefined) return undefined;
  const id = entry.nodes[alias];
  return id === undefined ? undefined : { alias, id };
}

export function phloAliases(config: Config): string[] {
  return Object.keys(config.phlos);
}

export function nodeAliases(config: Config, phlo: PhloTarget): string[] {
  return Object.keys(config.phlos[phlo.alias]?.nodes ?? {});
}

export function permissionsOfRole(config: Config, role: string): Permission[] {
  const listed = config.roles[role] ?? [];
  return listed.includes('*') ? [...PERMISSIONS] : PERMISSIONS.filter((p) => listed.includes(p));
}
