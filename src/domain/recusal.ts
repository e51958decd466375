/** The scoring rules' recusal (回避), shared by the engine's callers: the stage, the live standings. */

/** A judge of the contestant's own unit does not score them; a unit of "" is no unit. */
export function isRecusedFrom(judge: { unit: string | null }, contestant: { unit: string | null }): boolean {
  return judge.unit !== null && judge.unit !== '' && judge.unit === contestant.unit;
}
