/** Modals: pure builders from data to Block Kit views, and readers of their submissions. */
export { MODAL_LIMITS, type CallOnNode, type KnownMember, type ModalContext } from './elements.js';
export { selectTarget, splitNodeValue } from './target.js';
export { nodeFormOf, redrawnForm, type NodeFormKind, type TargetChoice } from './refresh.js';
export { decodeModalMetadata, encodeModalMetadata, ModalMetadata, type ModalAction } from './metadata.js';
export { actionPickerModal, modalForPickedAction, pickerChoice, pickerChoices, type PickerChoice } from './picker.js';
export { callModal, transferModal, type CallPrefill, type TransferPrefill } from './dial.js';
export { memberActionModal, type MemberPrefill } from './member.js';
export { runModal, type RunPrefill } from './run.js';
export { incompleteToModal } from './incomplete.js';
export { parseParamLines, problemBlocks, readSubmission, type ModalDraft, type SubmissionResult } from './submission.js';
