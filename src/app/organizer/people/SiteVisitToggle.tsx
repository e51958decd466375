/**
 * 观摩评分: whether the round is a site-visit round, where the panel scores each contestant at
 * their 观摩点 over the day. Saved as soon as it is ticked: it changes nothing of the scoring.
 */
import { useState } from 'react';
import { updateRound } from '../../../db/repository';
import type { RoundRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import { useErrorText } from '../../i18n/error-text';
import { useT } from '../../i18n/useT';

export function SiteVisitToggle({ round }: { round: RoundRecord }) {
  const t = useT();
  const db = useDatabase();
  const errorText = useErrorText();
  const [failure, setFailure] = useState<string | null>(null);
  const toggle = (siteVisit: boolean) => {
    setFailure(null);
    updateRound(db, round.id, { siteVisit }).catch((error: unknown) => setFailure(errorText(error)));
  };
  return (
    <div className="people-site-visit">
      <label className="org-check">
        <input
          type="checkbox"
          checked={round.siteVisit === true}
          onChange={(event) => toggle(event.target.checked)}
        />
        <span>
          <strong>{t('people.siteVisit.on')}</strong>
          <span className="org-hint">{t('people.siteVisit.explain')}</span>
        </span>
      </label>
      {failure && (
        <p className="field__error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
