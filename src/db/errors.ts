/**
 * The one error type of the data layer: a refused write. `message` is zh-CN, ready for the
 * screen; `code` is for the code that reacts to it; nothing has been written when it is thrown
 * (the transaction rolls back).
 */

export type RepositoryErrorCode =
  | 'not-found'
  | 'invalid-field'
  | 'unknown-judge'
  | 'unknown-contestant'
  | 'unknown-criterion'
  | 'mark-not-hundredths'
  | 'mark-negative'
  | 'mark-above-max'
  | 'mark-off-step'
  | 'judge-recused'
  | 'contestant-inactive'
  | 'sheet-submitted'
  | 'sheet-incomplete'
  | 'sheet-not-submitted'
  | 'correction-pending'
  | 'correction-decided'
  | 'adjustment-revoked'
  | 'has-marks'
  | 'draw-invalid'
  | 'draw-committed'
  | 'draw-not-committed'
  | 'import-invalid'
  | 'duplicate-contestant'
  | 'event-conflict'
  | 'contestant-locked'
  | 'already-revealed'
  | 'sheets-missing'
  | 'result-pending'
  | 'sheets-set-aside'
  | 'not-purgeable'
  | 'rehearsal-invalid';

/** One bad row of an import: `index` is 0-based in the list given to importRoster. */
export interface ImportRowError {
  list: 'contestants' | 'judges';
  index: number;
  field: string;
  message: string;
}

export class RepositoryError extends Error {
  override readonly name = 'RepositoryError';
  readonly code: RepositoryErrorCode;
  /** Per-row errors of a refused import; empty otherwise. */
  readonly rows: readonly ImportRowError[];

  constructor(code: RepositoryErrorCode, message: string, rows: readonly ImportRowError[] = []) {
    super(message);
    this.code = code;
    this.rows = rows;
  }
}
