/** The stage clock as the audience sees it: time left, then the overtime in red. */

import type { LeitaiEvent } from '../../domain/events';
import { formatClock } from '../../domain/overtime';
import { useT } from '../i18n/useT';
import { useStageClock } from './use-stage-clock';

export function ProjectorClock({
  timer,
  limitSeconds,
}: {
  timer: LeitaiEvent<'stage.timer'> | null;
  limitSeconds: number | null;
}) {
  const t = useT();
  const { view } = useStageClock(timer, limitSeconds);
  let label = t('stage.projector.elapsed');
  let digits = formatClock(Math.floor(view.elapsedMs / 1000));
  if (view.phase === 'overtime') {
    label = t('stage.projector.overtime');
    digits = `+${formatClock(view.overtimeSeconds)}`;
  } else if (view.remainingSeconds !== null) {
    label = t('stage.projector.remaining');
    digits = formatClock(view.remainingSeconds);
  }
  return (
    <div className={`pj-clock pj-clock--${view.phase}`}>
      <span className="pj-clock__label">{label}</span>
      <span className="pj-clock__digits">{digits}</span>
    </div>
  );
}
