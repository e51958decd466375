/**
 * The data layer's public face: every write is one function and one transaction; reads for
 * the engine and for verification. Screens import from here (and `db` from ./database).
 */

export { type AdjustmentDraft, addAdjustment, revokeAdjustment } from './adjustments';
export {
  archiveCompetition,
  createCompetition,
  deleteCompetition,
  duplicateCompetition,
  renameCompetition,
} from './competitions';
export { decideCorrection, requestCorrection } from './corrections';
export { db, LeitaiDB, type LeitaiDBOptions } from './database';
export { type DrawResult, recordDraw, reorderManually } from './draw';
export { type ImportRowError, RepositoryError, type RepositoryErrorCode } from './errors';
export type { CriterionDraft } from './guards';
export { getDeviceId } from './log';
export { enterMark, type MarkEntry, type SheetRef, submitSheet } from './marks';
export { loadRoundInput, readProjection, refoldLog } from './read';
export { acknowledgeEvents, applyRemoteEvents, type RemoteApplyResult, readOutbox } from './remote';
export {
  type ContestantDraft,
  type ContestantFields,
  type ContestantImport,
  deleteContestant,
  deleteJudge,
  type ImportedRoster,
  importRoster,
  type JudgeDraft,
  type JudgeFields,
  putContestant,
  putJudge,
  type RosterImport,
} from './roster';
export { createRound, deleteRound, type RoundDraft, type RoundPatch, updateRound } from './rounds';
