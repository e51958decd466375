/**
 * The data layer's public face: every write is one function and one transaction; reads for
 * the engine and for verification; the read model (./queries), the one way screens read, each
 * query named for what it returns. Screens import from here (and `db` from ./database).
 */

export { type AdjustmentDraft, addAdjustment, revokeAdjustment } from './adjustments';
export { type Advancement, advanceContestants } from './advancement';
export { closeAudienceVoting, openAudienceVoting } from './audience';
export {
  archiveCompetition,
  type CompetitionDetails,
  type CompetitionDraft,
  createCompetition,
  deleteCompetition,
  duplicateCompetition,
  editCompetition,
  renameCompetition,
} from './competitions';
export { decideCorrection, requestCorrection } from './corrections';
export { type DraftRow, db, type JudgeSessionRow, LeitaiDB, type LeitaiDBOptions } from './database';
export { type Demo, loadDemoCompetition } from './demo';
export {
  type CommitResult,
  checkDraftText,
  commitDraft,
  commitSheetDrafts,
  type DraftCheck,
  type DraftProblemCode,
  editDraftText,
  judgeDrafts,
  type KeypadKey,
  type MarkCell,
  pressKey,
  sheetDrafts,
  stepMark,
} from './drafts';
export {
  commitDrawSeed,
  type DrawLogEvent,
  drawLogOf,
  drawWithCommittedSeed,
  openDrawCommit,
  reorderManually,
} from './draw';
export {
  type Field,
  type FieldName,
  type ImportRowError,
  type NamedEntry,
  type Reason,
  type ReasonName,
  RepositoryError,
  type RepositoryErrorCode,
  type RepositoryFields,
  type RepositoryReasons,
} from './errors';
export type { CriterionDraft } from './guards';
export { availableSubtle } from './ids';
export {
  assignedRounds,
  bindJudge,
  findJudgesByCode,
  followHost,
  isScorable,
  newCallElsewhere,
  openContestantSheet,
  readJudgeSession,
  showRound,
  unbindJudge,
} from './judge-session';
export { getDeviceId } from './log';
export { enterMark, type MarkEntry, type SheetRef, submitSheet } from './marks';
export { swapPlaces } from './places';
export {
  audienceTallyOf,
  audienceTurnoutOf,
  audienceWindowsOf,
  type OpenVoting,
  openVotingOfRound,
} from './queries/audience';
export { hasJudgeSession, hasUnconfirmedDrafts, hasUnsentEvents } from './queries/device';
export {
  correctionsOfJudge,
  draftsOfJudge,
  type JudgeContext,
  judgeContext,
  marksOfJudge,
  marksOfOpenSheet,
  marksOfOtherSheets,
  type SheetMarks,
  sheetsOfJudge,
} from './queries/judge';
export {
  adjustmentsOfRound,
  hasDemoDraw,
  judgesWhoSubmitted,
  marksOfSheet,
  roundsWithMarks,
  type ScoringRows,
  scoringRowsOfRound,
  submittedSheetCount,
} from './queries/scoring';
export {
  allCompetitions,
  allRealRounds,
  allRounds,
  competitionById,
  contestantById,
  contestantsByIds,
  contestantsOfRound,
  judgeById,
  judgeNamesById,
  judgesByIds,
  judgesOfCompetition,
  judgesOfRound,
  photoById,
  type RoundCounts,
  type RoundSetup,
  rehearsalOfRound,
  roundById,
  roundCounts,
  roundSetup,
  roundsByIds,
  roundsOfCompetition,
} from './queries/setup';
export { inOneSnapshot } from './queries/snapshot';
export { loadRoundInput, readProjection, refoldLog } from './read';
export { setRecusalRule, setRecuseList } from './recusal';
export { acknowledgeEvents, applyRemoteEvents, type RemoteApplyResult, readOutbox } from './remote';
export { type Reveal, revealContestant } from './reveal';
export {
  assignJudge,
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
  renewJoinCodes,
} from './roster';
export { setRoundClosed } from './round-closure';
export {
  createRound,
  deleteRound,
  type RoundDraft,
  type RoundPatch,
  realRoundsOf,
  reorderRounds,
  updateRound,
} from './rounds';
export {
  callContestant,
  confirmTotal,
  DEFAULT_DISPLAY,
  displayOf,
  nudgeJudge,
  type ProjectorDisplay,
  readStageCall,
  readStageEvents,
  requestConfirmation,
  STAGE_EVENT_TYPES,
  type StageCall,
  setProjectorDisplay,
  setTimer,
} from './stage';
