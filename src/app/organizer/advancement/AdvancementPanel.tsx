import { useLiveQuery } from 'dexie-react-hooks';
import { type ReactNode, useId, useMemo, useState } from 'react';
import {
  advanceContestants,
  createRound,
  loadRoundInput,
  realRoundsOf,
  roundById,
} from '../../../db/repository';
import { type AdvancementRule, advancingIds, cumulativeCutoffs, percentOf } from '../../../domain/awards';
import { parseHundredths } from '../../../domain/decimal';
import { RoundRejectedError } from '../../../domain/issues';
import { computeLiveStandings, type LiveStandings } from '../../../domain/live-standings';
import type { AwardTier } from '../../../domain/model';
import { byOrderThenId } from '../../../domain/order';
import type { RoundRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import { useErrorText } from '../../i18n/error-text';
import { useT } from '../../i18n/useT';
import { Link } from '../../router';
import { placeHref } from '../location';
import { unusedName } from '../rounds/round-summary';
import { Choices } from '../ui/Choices';
import { TextField } from '../ui/TextField';

export function AdvancementPanel({ roundId }: { roundId: string }) {
  const db = useDatabase();
  const t = useT();
  const errorText = useErrorText();
  const data = useLiveQuery(async () => {
    const round = await roundById(db, roundId);
    if (!round) return null;
    const siblings = (await realRoundsOf(db, round.competitionId)).sort(byOrderThenId);
    return { round, siblings, input: await loadRoundInput(db, roundId) };
  }, [db, roundId]);
  const scored = useMemo((): { standings: LiveStandings } | { error: string } | null => {
    if (!data) return null;
    try {
      return { standings: computeLiveStandings(data.input) };
    } catch (error) {
      if (error instanceof RoundRejectedError) return { error: errorText(error) };
      throw error;
    }
  }, [data, errorText]);

  if (data === undefined) return <p className="loading">{t('app.loading')}</p>;
  if (data === null || scored === null) return <p className="org-error">{t('org.round.missing')}</p>;
  return (
    <section aria-labelledby="org-advance-heading" className="org-advance">
      <h2 id="org-advance-heading">{t('org.advance.heading')}</h2>
      <p className="org-hint">{t('org.advance.explain')}</p>
      {'error' in scored ? (
        <p className="org-error">{t('org.advance.cannotScore', { reason: scored.error })}</p>
      ) : (
        <Advancement round={data.round} siblings={data.siblings} standings={scored.standings} />
      )}
    </section>
  );
}

type RuleKind = 'count' | 'percent' | 'award';
const NEW_ROUND = 'new';

/** The position the rule cuts at, before ties: what the organizer asked for. */
function nominalCutoff(rule: AdvancementRule, rankedCount: number, tiers: readonly AwardTier[]): number {
  if ('count' in rule) return rule.count;
  if ('percent' in rule) return percentOf(rule.percent, rankedCount);
  const tierAt = tiers.findIndex((tier) => tier.name === rule.throughAward);
  return cumulativeCutoffs(tiers, rankedCount)[tierAt] ?? 0;
}

interface AdvancementProps {
  round: RoundRecord;
  siblings: readonly RoundRecord[];
  standings: LiveStandings;
}

function Advancement({ round, siblings, standings }: AdvancementProps) {
  const db = useDatabase();
  const t = useT();
  const errorText = useErrorText();
  const targetId = useId();
  const awardId = useId();
  const awards = round.settings.awards;
  const others = siblings.filter((sibling) => sibling.id !== round.id);
  const nextRound = siblings.find((sibling) => sibling.order > round.order);
  const [kind, setKind] = useState<RuleKind>('count');
  const [count, setCount] = useState('3');
  const [percent, setPercent] = useState('50');
  const [award, setAward] = useState(awards[0]?.name ?? '');
  const [target, setTarget] = useState(nextRound?.id ?? NEW_ROUND);
  const [newName, setNewName] = useState(() =>
    unusedName([t('org.round.nextDefault'), t('org.round.lastDefault')], siblings),
  );
  const [outcome, setOutcome] = useState<
    { kind: 'done'; count: number; target: RoundRecord } | { kind: 'refused'; message: string } | null
  >(null);
  const [busy, setBusy] = useState(false);

  const ranked = standings.ranked;
  const ruleRead = ((): { rule: AdvancementRule | null; error?: string } => {
    if (kind === 'count') {
      const text = count.trim();
      return /^\d+$/.test(text) && Number(text) >= 1
        ? { rule: { count: Number(text) } }
        : { rule: null, error: t('org.advance.countInvalid', { value: text }) };
    }
    if (kind === 'percent') {
      const parsed = parseHundredths(percent);
      return parsed.ok && parsed.value > 0 && parsed.value <= 10000
        ? { rule: { percent: parsed.value } }
        : { rule: null, error: t('org.advance.percentInvalid', { value: percent.trim() }) };
    }
    return awards.some((tier) => tier.name === award) ? { rule: { throughAward: award } } : { rule: null };
  })();
  const rule = ruleRead.rule;
  const advancing = rule ? new Set(advancingIds(ranked, rule, awards)) : new Set<string>();
  const nominal = rule ? nominalCutoff(rule, ranked.length, awards) : 0;
  const lastAdvancing = ranked.filter((result) => advancing.has(result.id)).at(-1);
  const targetRound = others.find((other) => other.id === target);
  const targetName = targetRound?.name ?? newName.trim();
  // Everyone must be complete: a held contestant (a sheet set aside) might belong above the cut-off.
  const blocked = standings.pending.length > 0 || standings.held.length > 0 || ranked.length === 0;

  const ruleOptions: { value: RuleKind; label: string; explain: string; extra?: ReactNode }[] = [
    {
      value: 'count',
      label: t('org.advance.byCount'),
      explain: t('org.advance.byCountExplain'),
      extra: (
        <TextField
          label={t('org.advance.count')}
          value={count}
          onChange={setCount}
          error={kind === 'count' ? ruleRead.error : undefined}
          inputMode="numeric"
          className="org-field--narrow org-field--nested"
        />
      ),
    },
    {
      value: 'percent',
      label: t('org.advance.byPercent'),
      explain: t('org.advance.byPercentExplain'),
      extra: (
        <TextField
          label={t('org.advance.percent')}
          value={percent}
          onChange={setPercent}
          error={kind === 'percent' ? ruleRead.error : undefined}
          inputMode="decimal"
          className="org-field--narrow org-field--nested"
        />
      ),
    },
  ];
  if (awards.length > 0) {
    ruleOptions.push({
      value: 'award',
      label: t('org.advance.byAward'),
      explain: t('org.advance.byAwardExplain'),
      extra: (
        <div className="org-field org-field--nested">
          <label htmlFor={awardId}>{t('org.advance.award')}</label>
          <select id={awardId} value={award} onChange={(event) => setAward(event.target.value)}>
            {awards.map((tier) => (
              <option key={tier.name} value={tier.name}>
                {tier.name}
              </option>
            ))}
          </select>
        </div>
      ),
    });
  }

  const advance = async () => {
    if (!rule || advancing.size === 0) return;
    setBusy(true);
    setOutcome(null);
    try {
      const to =
        targetRound ??
        (await createRound(db, {
          competitionId: round.competitionId,
          name: newName,
          criteria: round.criteria,
          settings: round.settings,
          timeLimitSeconds: round.timeLimitSeconds,
          overtime: round.overtime,
          ...(round.fullMark === undefined ? {} : { fullMark: round.fullMark }),
          // The same judges score the next round: their tablets follow without a new join.
          panelFrom: round.id,
        }));
      const ids = ranked.filter((result) => advancing.has(result.id)).map((result) => result.id);
      await advanceContestants(db, { fromRoundId: round.id, toRoundId: to.id, contestantIds: ids });
      setTarget(to.id);
      setOutcome({ kind: 'done', count: ids.length, target: to });
    } catch (error) {
      setOutcome({ kind: 'refused', message: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="org-advance__layout">
      <div>
        <Choices
          legend={t('org.advance.rule')}
          name="advance-rule"
          value={kind}
          options={ruleOptions}
          onChange={setKind}
        />
        <fieldset className="org-choices">
          <legend>{t('org.advance.target')}</legend>
          <div className="org-field">
            <label htmlFor={targetId}>{t('org.advance.targetRound')}</label>
            <select id={targetId} value={target} onChange={(event) => setTarget(event.target.value)}>
              {others.map((other) => (
                <option key={other.id} value={other.id}>
                  {other.name}
                </option>
              ))}
              <option value={NEW_ROUND}>{t('org.advance.newRound')}</option>
            </select>
          </div>
          {target === NEW_ROUND && (
            <TextField
              label={t('org.advance.newRoundName')}
              value={newName}
              onChange={setNewName}
              error={newName.trim() === '' ? t('org.round.nameRequired') : undefined}
              hint={t('org.advance.newRoundHint', { name: round.name })}
            />
          )}
        </fieldset>
      </div>

      <div>
        <h3>{t('org.advance.standingsHeading', { name: round.name })}</h3>
        {ranked.length > 0 && (
          <table className="org-table">
            <caption className="visually-hidden">{t('org.advance.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('org.preview.rank')}</th>
                <th scope="col">{t('org.preview.name')}</th>
                <th scope="col">{t('org.advance.unit')}</th>
                <th scope="col" className="org-number">
                  {t('org.preview.score')}
                </th>
                <th scope="col">{t('org.preview.award')}</th>
                <th scope="col">{t('org.advance.advances')}</th>
              </tr>
            </thead>
            <tbody>
              {ranked.map((result) => (
                <tr key={result.id} className={advancing.has(result.id) ? 'org-advancing' : undefined}>
                  <td>
                    {result.rank}
                    {result.tied ? ` ${t('org.preview.tiedYes')}` : ''}
                  </td>
                  <td>{result.name}</td>
                  <td>{result.unit ?? ''}</td>
                  <td className="org-number">{result.announcedScore}</td>
                  <td>{result.award ?? ''}</td>
                  <td>{advancing.has(result.id) ? t('org.advance.yes') : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {standings.pending.length > 0 && (
          <p className="org-warning" role="alert">
            {t('org.advance.pending', {
              count: standings.pending.length,
              names: standings.pending.map((result) => result.name).join('、'),
            })}
          </p>
        )}
        {standings.held.length > 0 && (
          <p className="org-warning" role="alert">
            {t('org.advance.held', {
              count: standings.held.length,
              names: standings.held.map((result) => result.name).join('、'),
            })}
          </p>
        )}
        {ranked.length === 0 && standings.pending.length === 0 && standings.held.length === 0 && (
          <p className="notice">{t('org.advance.noResults')}</p>
        )}
        {!blocked && rule && (
          <div className="org-advance__summary">
            <p>
              <strong>{t('org.advance.who', { count: advancing.size })}</strong>
            </p>
            {lastAdvancing && advancing.size > nominal && (
              <p className="org-warning">
                {t('org.advance.tieAtCutoff', {
                  rank: lastAdvancing.rank ?? 0,
                  nominal,
                  count: advancing.size,
                })}
              </p>
            )}
            {advancing.size > 0 && targetName !== '' && (
              <>
                <p>{t('org.advance.whatHappens', { count: advancing.size, target: targetName })}</p>
                {!targetRound && (
                  <p>{t('org.advance.whatHappensNew', { name: targetName, from: round.name })}</p>
                )}
                <button type="button" className="button" onClick={advance} disabled={busy}>
                  {t('org.advance.go', { count: advancing.size, target: targetName })}
                </button>
              </>
            )}
          </div>
        )}
        <div role="status" className="org-status">
          {outcome?.kind === 'done' && (
            <p>
              <strong className="org-saved">
                {t('org.advance.done', { count: outcome.count, target: outcome.target.name })}
              </strong>{' '}
              <Link
                to={placeHref({
                  competitionId: outcome.target.competitionId,
                  roundId: outcome.target.id,
                  tab: 'contestants',
                })}
              >
                {t('org.advance.open', { target: outcome.target.name })}
              </Link>
            </p>
          )}
        </div>
        {outcome?.kind === 'refused' && (
          <p className="org-error" role="alert">
            {outcome.message}
          </p>
        )}
      </div>
    </div>
  );
}
