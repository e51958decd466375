/**
 * The city dashboard's page, served by the hub at /dashboard: a form for the dashboard code, then
 * the city table (its top rows first, all on asking) and every venue's progress, standings and
 * 总成绩, read from GET /hub/v1/dashboard every few seconds. Three
 * small static files, no framework: it is read on an office screen at the city, not installed.
 * Names come from the venues, so the script writes them as text only (textContent), never as
 * HTML; the page's Content-Security-Policy lets it load its own script and style only.
 */

import { HUB_API_PREFIX } from '../sync/hub-protocol';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../sync/protocol';

export const DASHBOARD_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const DASHBOARD_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>擂台 · 城市看板</title>
<link rel="stylesheet" href="/dashboard.css">
<script src="/dashboard.js" defer></script>
<link rel="stylesheet" href="/dashboard-season.css">
<script src="/dashboard-season.js" defer></script>
</head>
<body>
<header><h1>擂台 · 城市看板 <small>City dashboard</small></h1><p id="status" role="status"></p></header>
<form id="login">
  <label for="code">看板码 Dashboard code</label>
  <input id="code" name="code" type="password" autocomplete="off" required>
  <button type="submit">查看 View</button>
</form>
<main id="venues"><section id="city" hidden></section></main>
</body>
</html>
`;

export const DASHBOARD_CSS = `body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 1rem 2rem; color: hsl(0 0% 11%); background: hsl(0 0% 98%); }
h1 small, th small { font-weight: normal; color: hsl(0 0% 33%); font-size: 0.6em; }
#venues { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: 1rem; }
section { background: white; border: 1px solid hsl(0 0% 87%); border-radius: 6px; padding: 0.75rem 1rem; }
h2 { margin: 0 0 0.25rem; font-size: 1.2rem; }
h3 { margin: 0.75rem 0 0.25rem; font-size: 1rem; }
p { margin: 0.2rem 0; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
td, th { text-align: left; padding: 0.15rem 0.4rem; border-bottom: 1px solid hsl(0 0% 93%); }
th, .scroll td { white-space: nowrap; }
.scroll { overflow-x: auto; }
.scroll th { white-space: pre-line; vertical-align: bottom; }
td.total { font-weight: bold; }
td.score { text-align: right; }
#city { grid-column: 1 / -1; }
@media (min-width: 70rem) { #city { grid-column: span 2; } }
#city td, #city th { padding: 0.1rem 0.4rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 12rem; }
.advanced { color: hsl(140 60% 25%); font-weight: bold; }
tr.advanced-row { background: hsl(140 50% 95%); }
.pending { color: hsl(0 0% 40%); }
button.more { margin-top: 0.4rem; font: inherit; }
#status { color: hsl(0 0% 33%); }
[hidden] { display: none; }
`;

export const DASHBOARD_JS = `'use strict';
(() => {
  const API = ${JSON.stringify(`${HUB_API_PREFIX}/dashboard`)};
  const HEADER = ${JSON.stringify(PROTOCOL_HEADER)};
  const VERSION = ${JSON.stringify(String(PROTOCOL_VERSION))};
  const EVERY_MS = 3000;
  const form = document.getElementById('login');
  const status = document.getElementById('status');
  const main = document.getElementById('venues');
  let code = sessionStorage.getItem('leitai-dashboard-code');

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function roundPart(round) {
    const part = element('div');
    part.append(element('h3', round.competitionName + ' · ' + round.roundName));
    part.append(element('p', '当前选手 On stage: ' + (round.current ? round.current.name : '—')));
    part.append(element('p', '评分表 Sheets in: ' + round.sheetsIn + ' / ' + round.sheetsExpected +
      ' · 已公布 Revealed: ' + round.revealed + ' / ' + round.contestants));
    if (round.standings.refused) {
      part.append(element('p', '无法计分 Cannot score: ' + round.standings.refused.join(', ')));
      return part;
    }
    const table = element('table');
    const head = element('tr');
    for (const label of ['名次', '选手', '单位', '得分', '奖项']) head.append(element('th', label));
    table.append(head);
    for (const place of round.standings.ranked) {
      const row = element('tr');
      row.append(element('td', String(place.rank)), element('td', place.name), element('td', place.unit || ''));
      row.append(element('td', place.score, 'score'), element('td', place.award || ''));
      table.append(row);
    }
    part.append(table);
    if (round.standings.pending > 0) part.append(element('p', '评分中 Being scored: ' + round.standings.pending));
    return part;
  }

  function table(labels, rows) {
    const node = element('table');
    const head = element('tr');
    for (const label of labels) head.append(element('th', label));
    node.append(head, ...rows);
    return node;
  }

  function personName(person) {
    return person.unit ? person.name + '（' + person.unit + '）' : person.name;
  }

  function combinedPart(combined) {
    const part = element('div');
    part.append(element('h3', '总成绩 Combined · ' + combined.competitionName));
    if (combined.standings.refused) {
      part.append(element('p', '总成绩暂时无法计算 Cannot combine: ' + combined.standings.refused.join(', ')));
      return part;
    }
    const { ranked, pending, excluded } = combined.standings;
    // A venue's card is narrow: the total first, each stage's score after it (its name over its
    // share), the unit on pointing.
    const stages = combined.stages.map((stage) => stage.roundName + '\\n' + stage.percent + '%');
    const rows = ranked.map((place) => {
      const row = element('tr');
      row.append(element('td', place.tied ? place.rank + '（并列）' : String(place.rank)));
      const name = element('td', place.name);
      if (place.unit) name.title = place.unit;
      row.append(name, element('td', place.score, 'score total'), element('td', place.award || ''));
      for (const score of place.stageScores) row.append(element('td', score || '', 'score'));
      return row;
    });
    if (ranked.length === 0)
      part.append(element('p', '还没有人在所有计入的轮次中都有成绩 No one has a result in every stage yet'));
    else {
      const scroll = element('div', undefined, 'scroll');
      scroll.append(table(['名次', '选手', '总分', '奖项', ...stages], rows));
      part.append(scroll);
    }
    if (pending.length > 0) part.append(element('p', '待定 Pending: ' + pending.map(personName).join('、')));
    if (excluded.length > 0)
      part.append(element('p', '不参与排名 Not ranked: ' + excluded.map(personName).join('、')));
    return part;
  }

  /** The city table's first rows, all of them once asked (kept across refreshes). */
  const CITY_TOP = 20;
  let cityAll = false;

  function cityRow(entry) {
    const row = element('tr', undefined, entry.advanced ? 'advanced-row' : undefined);
    row.append(element('td', entry.rank === null ? '—' : String(entry.rank)), element('td', entry.name));
    row.append(element('td', entry.unit || ''), element('td', entry.venueName + ' · ' + entry.roundName));
    row.append(entry.score === null ? element('td', '评分中', 'pending') : element('td', entry.score, 'score'));
    row.append(element('td', entry.advanced ? '已晋级' : '', 'advanced'));
    return row;
  }

  function cityPart(cityTable) {
    const all = [...cityTable.ranked, ...cityTable.pending];
    const section = document.getElementById('city');
    section.hidden = all.length === 0;
    const advanced = all.filter((entry) => entry.advanced).length;
    const shown = cityAll ? all : all.slice(0, CITY_TOP);
    const children = [
      element('h2', '全市总表 City table'),
      element('p', '已排名 Ranked: ' + cityTable.ranked.length + ' · 评分中 Being scored: ' +
        cityTable.pending.length + ' · 已晋级 Advanced: ' + advanced),
      table(['名次', '选手', '单位', '场地 · 轮次', '得分', '晋级'], shown.map(cityRow)),
    ];
    if (all.length > CITY_TOP) {
      const more = element('button', cityAll ? '只看前 ' + CITY_TOP + ' 名 Top ' + CITY_TOP + ' only' :
        '显示全部 ' + all.length + ' 人 Show all', 'more');
      more.type = 'button';
      more.addEventListener('click', () => {
        cityAll = !cityAll;
        cityPart(cityTable);
      });
      children.push(more);
    }
    section.replaceChildren(...children);
    return section;
  }

  function render(city) {
    const sections = city.venues.map((venue) => {
      const section = element('section');
      section.append(element('h2', venue.name));
      const last = venue.lastEventAt ? new Date(venue.lastEventAt).toLocaleTimeString('zh-CN') : '—';
      section.append(element('p', '事件 Events: ' + venue.events + ' · 最后更新 Last: ' + last));
      for (const round of venue.rounds) section.append(roundPart(round));
      for (const combined of venue.combined) section.append(combinedPart(combined));
      return section;
    });
    main.replaceChildren(cityPart(city.cityTable), ...sections);
    status.textContent = '更新于 Updated ' + new Date(city.checkedAt).toLocaleTimeString('zh-CN');
  }

  async function refresh() {
    if (!code) return;
    try {
      const response = await fetch(API, { headers: { [HEADER]: VERSION, Authorization: 'Bearer ' + code } });
      if (response.status === 401) {
        sessionStorage.removeItem('leitai-dashboard-code');
        code = null;
        form.hidden = false;
        status.textContent = '看板码不对 Wrong dashboard code';
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      form.hidden = true;
      render(await response.json());
    } catch (error) {
      status.textContent = '连不上城市中心，稍后重试 The hub does not answer; retrying';
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    code = new FormData(form).get('code');
    sessionStorage.setItem('leitai-dashboard-code', code);
    refresh();
  });
  form.hidden = code !== null;
  refresh();
  setInterval(refresh, EVERY_MS);
})();
`;
