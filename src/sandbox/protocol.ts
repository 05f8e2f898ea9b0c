// The shapes the sandbox's server sends its page, shared by both sides (type-only, so the page's
// bundle gets none of the server's code).

/** A person of the pretend workspace, with what their role lets them do. */
export interface WorkspaceUser {
  id: string;
  name: string;
  realName: string;
  role: string;
  address: string | undefined;
  permissions: string[];
}

/** One multiparty call node as the PHLO simulator holds it. */
export interface CallNode {
  phlo: string;
  node: string;
  name: string;
  members: { address: string; role: string; held: boolean; state: string }[];
  transfer: { initiator: string; recipient: string } | undefined;
}
