/**
 * The season table of the city dashboard's page (./dashboard-page.ts loads it as its own small
 * script): each season's standings 积分排名 over the month, quarter or year picked, read from
 * GET /hub/v1/season with the dashboard code the page's form keeps, every few seconds, without
 * the ledger. Bilingual as the rest of the page; names written as text only (textContent).
 */

import { HUB_API_PREFIX } from '../sync/hub-protocol';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../sync/protocol';

export const SEASON_CSS = `#season { margin-bottom: 1rem; }
#season fieldset { border: none; padding: 0; margin: 0.5rem 0; display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
#season td.points { text-align: right; }
#season .notes { color: hsl(20 60% 35%); }
`;

export const SEASON_JS = `'use strict';
(() => {
  const API = ${JSON.stringify(`${HUB_API_PREFIX}/season`)};
  const HEADER = ${JSON.stringify(PROTOCOL_HEADER)};
  const VERSION = ${JSON.stringify(String(PROTOCOL_VERSION))};
  const EVERY_MS = 3000;
  const KINDS = [['month', '月 Month'], ['quarter', '季度 Quarter'], ['year', '年 Year']];
  const COLUMNS = [['名次', 'Rank'], ['姓名', 'Name'], ['单位', 'Unit'], ['积分', 'Points'], ['其中比赛积分', 'Of which competitions']];

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function labelled(text, control) {
    const label = element('label', text + ' ');
    label.append(control);
    return label;
  }

  const now = new Date();
  const year = String(now.getFullYear());
  const part = element('section');
  part.id = 'season';
  part.hidden = true;
  const title = element('h2', '积分排名 Season standings');
  const picker = element('fieldset');
  const kind = element('select');
  for (const [value, text] of KINDS) {
    const option = element('option', text);
    option.value = value;
    kind.append(option);
  }
  const month = element('input');
  month.type = 'month';
  month.value = year + '-' + String(now.getMonth() + 1).padStart(2, '0');
  const yearInput = element('input');
  yearInput.type = 'number';
  yearInput.min = '2000';
  yearInput.max = '2100';
  yearInput.value = year;
  const quarter = element('select');
  for (let q = 1; q <= 4; q++) quarter.append(element('option', 'Q' + q));
  quarter.selectedIndex = Math.floor(now.getMonth() / 3);
  const monthLabel = labelled('月份 Month', month);
  const yearLabel = labelled('年份 Year', yearInput);
  const quarterLabel = labelled('季度 Quarter', quarter);
  picker.append(labelled('时段 Period', kind), monthLabel, yearLabel, quarterLabel);
  const seasons = element('div');
  part.append(title, picker, seasons);
  // Above the venues' progress; at the end when the page has no such part.
  const venues = document.getElementById('venues');
  if (venues) venues.before(part);
  else document.body.append(part);

  function period() {
    if (kind.value === 'month') return month.value;
    if (kind.value === 'quarter') return yearInput.value + '-' + quarter.value;
    return yearInput.value;
  }

  function showPicker() {
    monthLabel.hidden = kind.value !== 'month';
    yearLabel.hidden = kind.value === 'month';
    quarterLabel.hidden = kind.value !== 'quarter';
  }

  function seasonPart(season) {
    const box = element('div');
    box.append(element('h3', season.name));
    if (season.standings.ranked.length === 0) box.append(element('p', '本时段没有积分 No points in this period'));
    else {
      const table = element('table');
      const head = element('tr');
      for (const [zh, en] of COLUMNS) {
        const cell = element('th', zh + ' ');
        cell.append(element('small', en));
        head.append(cell);
      }
      table.append(head);
      for (const row of season.standings.ranked) {
        const line = element('tr');
        line.append(element('td', String(row.rank) + (row.tied ? ' 并列' : '')), element('td', row.name));
        line.append(element('td', row.unit || ''), element('td', row.points, 'points'));
        line.append(element('td', row.competitionPoints, 'points'));
        table.append(line);
      }
      box.append(table);
    }
    for (const note of season.notes) box.append(element('p', note['zh-CN'] + ' / ' + note.en, 'notes'));
    return box;
  }

  async function refresh() {
    const code = sessionStorage.getItem('leitai-dashboard-code');
    if (!code || !period()) return;
    try {
      const url = API + '?ledger=no&period=' + encodeURIComponent(period());
      const response = await fetch(url, { headers: { [HEADER]: VERSION, Authorization: 'Bearer ' + code } });
      if (!response.ok) {
        part.hidden = response.status === 401;
        return;
      }
      const answer = await response.json();
      part.hidden = answer.seasons.length === 0;
      seasons.replaceChildren(...answer.seasons.map(seasonPart));
    } catch (error) {
      // The dashboard's own status line says the hub does not answer.
    }
  }

  for (const control of [kind, month, yearInput, quarter]) {
    control.addEventListener('change', () => {
      showPicker();
      refresh();
    });
  }
  showPicker();
  refresh();
  setInterval(refresh, EVERY_MS);
})();
`;
