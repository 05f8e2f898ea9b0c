/** Block Kit limits from Slack's reference; builders enforce them rather than let Slack reject a message. */
export const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  confirmText: 300,
  confirmTitle: 100,
  confirmButton: 30,
  staticSelectOptions: 100,
  optionText: 75,
  modalTitle: 24,
  privateMetadata: 3000,
  blockId: 255,
  actionId: 255,
  contextElements: 10,
  messageText: 40000,
  headerText: 150,
} as const;

/** Cuts text to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
