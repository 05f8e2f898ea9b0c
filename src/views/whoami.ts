import { context, fieldsSection, message, section, type MessageView } from './blocks.js';
import { code, escapeMrkdwn } from '../text/escape.js';

export interface WhoamiData {
  userId: string;
  role?: string | undefined;
  via?: 'user' | 'group' | undefined;
  address?: string | undefined;
  permissions: readonly string[];
  channelPhlo?: string | undefined;
  channelNode?: string | undefined;
}

/** `/phlo whoami`: the user's role, address, permissions and this channel's defaults. */
export function whoamiView(data: WhoamiData): MessageView {
  const role =
    data.role === undefined ? '_none: you are not in the role map_' : `${code(data.role)}${data.via === 'group' ? ' (through a user group)' : ''}`;
  const defaults =
    data.channelPhlo === undefined
      ? '_none: pass `--phlo` and `--node`_'
      : `PHLO ${code(data.channelPhlo)}${data.channelNode === undefined ? '' : `, node ${code(data.channelNode)}`}`;
  const fields = [
    `*Role*\n${role}`,
    `*Address*\n${data.address === undefined ? '_none configured_' : code(data.address)}`,
    `*Permissions*\n${data.permissions.length === 0 ? '_none_' : data.permissions.map((p) => code(p)).join(' ')}`,
    `*This channel's defaults*\n${defaults}`,
  ];
  return message(`You are ${data.role === undefined ? 'not in the role map' : escapeMrkdwn(data.role)}`, [
    section(`*phlo-bot: who you are*`),
    fieldsSection(fields),
    context(['`help` and `whoami` are open to everyone.']),
  ]);
}
