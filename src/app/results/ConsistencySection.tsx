import { useId, useMemo } from 'react';
import type { Standings } from '../../domain/engine';
import type { JudgeRecord } from '../../domain/records';
import type { TFunction } from '../i18n/useT';
import { useT } from '../i18n/useT';
import { type ConsistencyReport, judgeConsistency } from './consistency';
import { TableWrap } from './TableWrap';

/** Two decimals for display; a sign on deviations. */
const fixed = (value: number) => value.toFixed(2);
const signed = (value: number) =>
  value > 0 ? `+${fixed(value)}` : value < 0 ? `−${fixed(-value)}` : fixed(0);

/**
 * 评委一致性: each judge's totals as a strip of dots with their mean and spread, their average
 * distance from the panel as bars, and the largest single deviations flagged. Drawn as plain
 * SVG; each chart carries a text alternative, and the figures are in a table below.
 */
export function ConsistencySection({
  standings,
  judges,
}: {
  standings: Standings;
  judges: readonly JudgeRecord[];
}) {
  const t = useT();
  const report = useMemo(() => judgeConsistency(standings, judges), [standings, judges]);
  return (
    <section className="results-section" aria-labelledby="results-consistency-heading">
      <h2 id="results-consistency-heading">{t('results.consistency.heading')}</h2>
      {report.judges.length === 0 ? (
        <p className="notice">{t('results.consistency.empty')}</p>
      ) : (
        <>
          <p className="results-lead">{t('results.consistency.lead')}</p>
          <div className="results-charts">
            <StripPlot report={report} />
            <DeviationBars report={report} />
          </div>
          <FlaggedList report={report} />
          <StatsTable report={report} />
        </>
      )}
    </section>
  );
}

const ROW = 36;
const LEFT = 112;
const WIDTH = 640;
const RIGHT = 24;
const TOP = 34;

/** Round tick values covering [low, high], about five of them. */
function ticks(low: number, high: number): number[] {
  const span = Math.max(high - low, 1);
  const raw = span / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= raw) ?? raw;
  const values: number[] = [];
  for (let value = Math.floor(low / step) * step; value <= high + step / 2; value += step) values.push(value);
  return values;
}

function StripPlot({ report }: { report: ConsistencyReport }) {
  const t = useT();
  const id = useId();
  const scale = ticks(report.low, report.high);
  const low = scale[0] ?? report.low;
  const high = scale[scale.length - 1] ?? report.high;
  const x = (value: number) => LEFT + ((value - low) / (high - low || 1)) * (WIDTH - LEFT - RIGHT);
  const height = TOP + report.judges.length * ROW + 8;
  return (
    <figure className="results-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{t('results.chart.strip.title')}</title>
        <desc id={`${id}-desc`}>{stripDescription(report, t)}</desc>
        {scale.map((value) => (
          <g key={value}>
            <line x1={x(value)} x2={x(value)} y1={TOP - 6} y2={height - 8} className="chart-grid" />
            <text x={x(value)} y={TOP - 12} className="chart-axis" textAnchor="middle">
              {Number.isInteger(value) ? value : fixed(value)}
            </text>
          </g>
        ))}
        {report.judges.map((judge, row) => {
          const y = TOP + row * ROW + ROW / 2;
          return (
            <g key={judge.judgeId}>
              <text x={LEFT - 10} y={y + 5} className="chart-label" textAnchor="end">
                {judge.name}
              </text>
              <rect
                x={x(judge.mean - judge.spread)}
                y={y - 9}
                width={Math.max(2, x(judge.mean + judge.spread) - x(judge.mean - judge.spread))}
                height={18}
                className="chart-spread"
              />
              {judge.points.map((point) => (
                <circle
                  key={point.contestantId}
                  cx={x(point.total)}
                  cy={y}
                  r={point.flagged ? 6 : 4.5}
                  className={point.flagged ? 'chart-dot chart-dot--flagged' : 'chart-dot'}
                />
              ))}
              <line x1={x(judge.mean)} x2={x(judge.mean)} y1={y - 13} y2={y + 13} className="chart-mean" />
            </g>
          );
        })}
      </svg>
      <figcaption>{t('results.chart.strip.caption')}</figcaption>
    </figure>
  );
}

function stripDescription(report: ConsistencyReport, t: TFunction): string {
  return report.judges
    .map((judge) =>
      t('results.chart.strip.judge', {
        name: judge.name,
        count: judge.points.length,
        mean: fixed(judge.mean),
        spread: fixed(judge.spread),
        min: fixed(judge.min),
        max: fixed(judge.max),
      }),
    )
    .join(t('results.list.sentence'));
}

function DeviationBars({ report }: { report: ConsistencyReport }) {
  const t = useT();
  const id = useId();
  const reach = Math.max(0.5, ...report.judges.map((judge) => Math.abs(judge.meanDeviation)));
  const zero = LEFT + (WIDTH - LEFT - RIGHT) / 2;
  const half = (WIDTH - LEFT - RIGHT) / 2 - 48;
  const height = TOP + report.judges.length * ROW + 8;
  return (
    <figure className="results-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{t('results.chart.bars.title')}</title>
        <desc id={`${id}-desc`}>
          {report.judges
            .map((judge) =>
              t('results.chart.bars.judge', {
                name: judge.name,
                deviation: signed(judge.meanDeviation),
                distance: fixed(judge.meanDistance),
              }),
            )
            .join(t('results.list.sentence'))}
        </desc>
        <text x={zero - 8} y={TOP - 12} className="chart-axis" textAnchor="end">
          {t('results.chart.bars.lower')}
        </text>
        <text x={zero + 8} y={TOP - 12} className="chart-axis">
          {t('results.chart.bars.higher')}
        </text>
        <line x1={zero} x2={zero} y1={TOP - 6} y2={height - 8} className="chart-zero" />
        {report.judges.map((judge, row) => {
          const y = TOP + row * ROW + ROW / 2;
          const length = (Math.abs(judge.meanDeviation) / reach) * half;
          const above = judge.meanDeviation >= 0;
          return (
            <g key={judge.judgeId}>
              <text x={LEFT - 10} y={y + 5} className="chart-label" textAnchor="end">
                {judge.name}
              </text>
              <rect
                x={above ? zero : zero - length}
                y={y - 10}
                width={Math.max(1, length)}
                height={20}
                className={above ? 'chart-bar chart-bar--higher' : 'chart-bar chart-bar--lower'}
              />
              <text
                x={above ? zero + length + 6 : zero - length - 6}
                y={y + 5}
                className="chart-value"
                textAnchor={above ? 'start' : 'end'}
              >
                {signed(judge.meanDeviation)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{t('results.chart.bars.caption')}</figcaption>
    </figure>
  );
}

function FlaggedList({ report }: { report: ConsistencyReport }) {
  const t = useT();
  if (report.flagged.length === 0) return null;
  return (
    <div className="results-flagged">
      <h3>{t('results.flagged.heading', { count: report.flagged.length })}</h3>
      <ol>
        {report.flagged.map((point) => (
          <li key={`${point.judgeId}:${point.contestantId}`}>
            {t(point.deviation > 0 ? 'results.flagged.higher' : 'results.flagged.lower', {
              judge: point.judgeName,
              contestant: point.contestantName,
              total: fixed(point.total),
              panel: fixed(point.panel),
              deviation: fixed(Math.abs(point.deviation)),
            })}
          </li>
        ))}
      </ol>
    </div>
  );
}

function StatsTable({ report }: { report: ConsistencyReport }) {
  const t = useT();
  return (
    <TableWrap label={t('results.stats.caption')}>
      <table className="results-table results-table--stats">
        <caption>{t('results.stats.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.stats.judge')}</th>
            <th scope="col" className="results-number">
              {t('results.stats.count')}
            </th>
            <th scope="col" className="results-number">
              {t('results.stats.mean')}
            </th>
            <th scope="col" className="results-number">
              {t('results.stats.spread')}
            </th>
            <th scope="col" className="results-number">
              {t('results.stats.range')}
            </th>
            <th scope="col" className="results-number">
              {t('results.stats.deviation')}
            </th>
            <th scope="col" className="results-number">
              {t('results.stats.distance')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.judges.map((judge) => (
            <tr key={judge.judgeId}>
              <th scope="row">{judge.name}</th>
              <td className="results-number">{judge.points.length}</td>
              <td className="results-number">{fixed(judge.mean)}</td>
              <td className="results-number">{fixed(judge.spread)}</td>
              <td className="results-number">
                {fixed(judge.min)}–{fixed(judge.max)}
              </td>
              <td className="results-number">{signed(judge.meanDeviation)}</td>
              <td className="results-number">{fixed(judge.meanDistance)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
