// sitrep dashboard. All article-derived strings are inserted with textContent
// (never innerHTML), so markup inside articles is shown, not executed.  Plotly
// renders a subset of HTML in labels (<a href>, <b>, <span style>), so every
// string that becomes a chart label goes through plain() first.
// Lists are paged by the server (limit/offset, X-Total-Count); the map and the
// timeline draw from /api/daily (day x country x type counts), not from events.
'use strict';

const PLOT_CONFIG = { topojsonURL: '/static/vendor/topojson/', displaylogo: false, responsive: true };
const PAGE = { events: 25, claims: 15, contradictions: 10 };
const offsets = { events: 0, claims: 0, contradictions: 0 };
const CHARTED = ['killed', 'wounded', 'casualties', 'missing'];
const MAX_SERIES = 12;

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}

// Plotly label text shown literally: plotly decodes these entities back to the characters.
function plain(s) {
  return String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function refName(x) { return x ? (x.name || '') + (x.country ? ' [' + x.country + ']' : '') : ''; }
function count(c) { return c.low === c.high ? String(c.low) : c.low + '–' + c.high; }
function contested(e) {
  const s = e.statuses || [];
  return s.some(x => ['occurred', 'claimed', 'ongoing'].includes(x)) && s.some(x => ['denied', 'failed'].includes(x));
}
function eventLink(id, text) {
  const a = el('a', text);
  a.href = '#event/' + encodeURIComponent(id);
  return a;
}

async function getJSON(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(url + ': ' + r.status);
  return r.json();
}

async function getPage(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(url + ': ' + r.status);
  const items = await r.json();
  return { items, total: Number(r.headers.get('X-Total-Count') ?? (items.length ?? 0)) };
}

function filterParams(names) {
  const params = new URLSearchParams();
  for (const input of document.querySelectorAll('#filters input')) {
    if (input.value && (!names || names.includes(input.name))) params.set(input.name, input.value.trim());
  }
  return params;
}

function withPage(params, list) {
  const p = new URLSearchParams(params);
  p.set('limit', PAGE[list]);
  p.set('offset', offsets[list]);
  return p.toString();
}

// "21–40 of 1,234" with previous/next; onPage(offset) reloads that list only.
function drawPager(list, total, onPage) {
  const box = document.getElementById(list + '-pager');
  box.replaceChildren();
  const off = offsets[list], size = PAGE[list];
  const prev = el('button', '‹ prev'), next = el('button', 'next ›');
  prev.type = next.type = 'button';
  prev.className = 'prev'; next.className = 'next';
  prev.disabled = off <= 0;
  next.disabled = off + size >= total;
  // from the offset at click time: quick clicks on a pager not yet redrawn each move one page
  prev.addEventListener('click', () => { offsets[list] = Math.max(0, offsets[list] - size); onPage(); });
  next.addEventListener('click', () => {
    if (offsets[list] + size < total) { offsets[list] += size; onPage(); }
  });
  const label = total ? `${(off + 1).toLocaleString()}–${Math.min(off + size, total).toLocaleString()} of ${total.toLocaleString()}`
                      : 'none';
  box.append(prev, el('span', label, 'range'), next);
}

// -- map and timeline from the daily counts ----------------------------------------------------
function drawMap(daily, events) {
  const byCountry = new Map();
  for (const d of daily) if (d.country) byCountry.set(d.country, (byCountry.get(d.country) || 0) + d.events);
  const countries = [...byCountry.keys()];
  const traces = [{
    type: 'choropleth', locationmode: 'ISO-3', locations: countries, z: countries.map(c => byCountry.get(c)),
    text: countries.map(c => plain(c)), colorscale: 'Oranges', zmin: 0, zmax: Math.max(1, ...byCountry.values()), marker: { line: { color: '#999', width: 0.5 } },
    colorbar: { title: { text: 'events' }, thickness: 12 }, hovertemplate: '%{text}: %{z} events<extra></extra>',
  }];
  const located = events.filter(e => e.place && e.place.lat != null && e.place.lon != null);
  traces.push({
    type: 'scattergeo', mode: 'markers', name: 'this page', showlegend: false,
    lat: located.map(e => e.place.lat), lon: located.map(e => e.place.lon),
    text: located.map(e => plain(`${e.type} (${e.status}) ${e.place.name || ''} ${e.date || ''}`)),
    customdata: located.map(e => e.id), hoverinfo: 'text',
    marker: { size: located.map(e => 7 + 3 * Math.min(e.sources.length, 5)), color: '#1d4ed8', opacity: 0.8,
              line: { color: '#fff', width: 1 } },
  });
  const geo = { projection: { type: 'natural earth' }, showcountries: true, showland: true,
                landcolor: '#eef0e5', countrycolor: '#999' };
  if (located.length) {  // frame this page's events with a margin
    const lats = located.map(e => e.place.lat), lons = located.map(e => e.place.lon);
    const pad = 8;
    geo.lataxis = { range: [Math.max(-90, Math.min(...lats) - pad), Math.min(90, Math.max(...lats) + pad)] };
    geo.lonaxis = { range: [Math.max(-180, Math.min(...lons) - pad * 1.5), Math.min(180, Math.max(...lons) + pad * 1.5)] };
  }
  document.getElementById('map-note').textContent =
    '(countries shaded by all matching events; dots: the events on this page)';
  Plotly.react('map', traces, { margin: { l: 0, r: 0, t: 0, b: 0 }, geo }, PLOT_CONFIG);
  bindClick('map');
}

// Bars per day, week (from Monday) or month, whichever keeps them wide enough to see.
function bucketOf(spanDays) {
  if (spanDays <= 120) return ['day', d => d];
  if (spanDays <= 2 * 365) return ['week', d => {
    const t = new Date(d + 'T00:00:00Z');
    t.setUTCDate(t.getUTCDate() - (t.getUTCDay() + 6) % 7);
    return t.toISOString().slice(0, 10);
  }];
  return ['month', d => d.slice(0, 7) + '-01'];
}

function drawTimeline(daily) {
  const all = daily.map(d => Date.parse(d.day));
  let lo = all[0], hi = all[0];
  for (const v of all) { if (v < lo) lo = v; if (v > hi) hi = v; }
  const [unit, bucket] = bucketOf(all.length ? (hi - lo) / 864e5 : 0);
  document.getElementById('timeline-unit').textContent = `(dated events per ${unit}, by type)`;
  const barWidth = 0.8 * 864e5 * (unit === 'month' ? 30 : unit === 'week' ? 7 : 1);
  const types = [...new Set(daily.map(d => d.type))].sort();
  const traces = types.map(t => {
    const per = new Map();
    for (const d of daily) if (d.type === t) { const b = bucket(d.day); per.set(b, (per.get(b) || 0) + d.events); }
    const keys = [...per.keys()].sort();
    // an explicit width: plotly sizes a lone bar on a date axis to a millisecond
    return { type: 'bar', name: plain(t), x: keys, y: keys.map(k => per.get(k)), width: keys.map(() => barWidth),
             hovertemplate: `%{x}: %{y} ${plain(t)}<extra></extra>` };
  });
  const xaxis = { type: 'date' };
  if (all.length) {  // at least a week wide, so one day does not zoom to hours
    const week = 7 * 864e5, pad = Math.max(week - (hi - lo), 0) / 2 + (unit === 'month' ? 31 : unit === 'week' ? 7 : 1) * 864e5;
    xaxis.range = [new Date(lo - pad).toISOString().slice(0, 10), new Date(hi + pad).toISOString().slice(0, 10)];
  }
  Plotly.react('timeline', traces, { barmode: 'stack', bargap: 0.1, margin: { l: 40, r: 10, t: 10, b: 40 }, xaxis,
                                     yaxis: { title: { text: 'events' } } }, PLOT_CONFIG);
}

function bindClick(id) {
  const node = document.getElementById(id);
  if (node.dataset.bound) return;
  node.dataset.bound = '1';
  node.on?.('plotly_click', ev => {
    const cd = ev.points[0] && ev.points[0].customdata;
    if (cd) location.hash = '#event/' + encodeURIComponent(cd);
  });
}

// -- claim series over time ---------------------------------------------------------------------
// Each series is one toll (an incident's, or a side's running toll); its points are split by
// claimant, so "the ministry says 14, 19, 21" is one line and the rebels' figures another.
function drawSeries(series, contradicted) {
  const charted = series.filter(s => CHARTED.includes(s.outcome) && s.points.some(p => p.published));
  charted.sort((a, b) => b.points.length - a.points.length);
  const traces = [];
  for (const s of charted.slice(0, MAX_SERIES)) {
    const byClaimant = new Map();
    for (const p of s.points) {
      if (!p.published) continue;
      const who = p.claimant || p.outlet || 'unattributed';
      if (!byClaimant.has(who)) byClaimant.set(who, []);
      byClaimant.get(who).push(p);
    }
    // a line only where the points count the same thing over time: one incident, or a running toll
    const joined = Boolean(s.place) || s.points.every(p => p.cumulative);
    for (const [who, pts] of byClaimant) {
      traces.push({
        type: 'scatter', mode: joined ? 'lines+markers' : 'markers', name: plain(`${s.key} · ${who}` + (s.place ? ` · from ${pts[0].published}` : '')),
        x: pts.map(p => p.published), y: pts.map(p => p.low),
        error_y: { type: 'data', symmetric: false, array: pts.map(p => p.high - p.low), arrayminus: pts.map(() => 0),
                   visible: pts.some(p => p.high > p.low) },
        text: pts.map(p => plain(`${count(p)} ${s.outcome} · ${who} · ${p.outlet || ''}`)), hoverinfo: 'text+x',
      });
    }
  }
  const marks = charted.slice(0, MAX_SERIES).flatMap(s => s.points.filter(p => p.published &&
    contradicted.has(p.article_id + ':' + p.evidence.start)));
  if (marks.length) {
    traces.push({ type: 'scatter', mode: 'markers', name: 'contradicted', x: marks.map(p => p.published),
                  y: marks.map(p => p.low), hoverinfo: 'skip',
                  marker: { symbol: 'x-thin-open', size: 16, color: '#c92a2a', line: { width: 3, color: '#c92a2a' } } });
  }
  const layout = { margin: { l: 50, r: 10, t: 10, b: 40 }, xaxis: { type: 'date' },
                   yaxis: { title: { text: 'count claimed' }, rangemode: 'tozero' },
                   legend: { font: { size: 11 } } };
  if (!traces.length) layout.annotations = [{ text: 'no casualty claims match', showarrow: false, xref: 'paper', yref: 'paper', x: 0.5, y: 0.5 }];
  Plotly.react('series-chart', traces, layout, PLOT_CONFIG);
}

// -- tables -------------------------------------------------------------------------------------
function drawClaims(claims) {
  const body = document.querySelector('#claims tbody');
  body.replaceChildren();
  for (const c of claims) {
    const tr = el('tr');
    [c.published, c.claimant, c.side, count(c), c.outcome, c.population, c.place, c.outlet]
      .forEach(v => tr.appendChild(el('td', v ?? '')));
    tr.title = c.evidence.text;
    body.appendChild(tr);
  }
  if (!claims.length) body.appendChild(emptyRow(8));
}

function emptyRow(cols) {
  const tr = el('tr', null, 'empty');
  const td = el('td', 'none match', 'muted');
  td.colSpan = cols;
  tr.appendChild(td);
  return tr;
}

function contradictionItem(c, withLink) {
  const li = el('li', null, 'contradiction kind-' + c.kind);
  li.id = 'contradiction-' + c.kind + '-' + (c.items[0] ? c.items[0].article_id.slice(0, 8) + c.items[0].evidence.start : '');
  li.appendChild(el('span', c.kind.replace('_', ' '), 'badge'));
  li.appendChild(document.createTextNode(' ' + c.description + ' '));
  if (withLink && c.event_id) li.appendChild(eventLink(c.event_id, 'event →'));
  const quotes = el('div', null, 'quotes');
  for (const it of c.items) quotes.appendChild(el('q', it.evidence.text));
  li.appendChild(quotes);
  return li;
}

function drawContradictions(items) {
  const ul = document.getElementById('contradictions');
  ul.replaceChildren();
  for (const c of items) ul.appendChild(contradictionItem(c, true));
  if (!items.length) ul.appendChild(el('li', 'none found', 'muted'));
}

function drawEvents(events) {
  const body = document.querySelector('#events tbody');
  body.replaceChildren();
  for (const e of events) {
    const tr = el('tr', null, 'clickable');
    tr.dataset.id = e.id;
    const status = el('td', e.status);
    if (e.contested) status.appendChild(el('span', 'contested', 'badge contested-badge'));
    [e.date || 'undated', e.type + (e.mode ? '/' + e.mode : '')].forEach(v => tr.appendChild(el('td', v)));
    tr.appendChild(status);
    [refName(e.agent), refName(e.target), e.place ? e.place.name : '', e.fatalities ?? '', e.sources.length]
      .forEach(v => tr.appendChild(el('td', v)));
    tr.addEventListener('click', () => { location.hash = '#event/' + encodeURIComponent(e.id); });
    body.appendChild(tr);
  }
  if (!events.length) body.appendChild(emptyRow(8));
}

// -- loading ------------------------------------------------------------------------------------
let generation = 0;  // a slow response for old filters never overwrites newer ones
const latest = {};   // nor a slow page of a list the newer page of the same list

function ticket(list) { latest[list] = (latest[list] || 0) + 1; return latest[list]; }

async function loadEvents(params, gen) {
  const t = ticket('events');
  const { items, total } = await getPage('/api/events?' + withPage(params, 'events'));
  if (gen !== generation || t !== latest.events) return null;
  drawEvents(items);
  drawPager('events', total, () => loadEvents(params, generation).then(r => r && drawMap(lastDaily, r.items)));
  return { items, total };
}

async function loadClaims(params, gen) {
  const t = ticket('claims');
  // the series chart draws every point of a toll (the API sends 100 per series unless asked)
  const r = await fetch('/api/claims?' + withPage(params, 'claims') + '&points_limit=1000');
  if (!r.ok) throw new Error('/api/claims: ' + r.status);
  const data = await r.json();
  if (gen !== generation || t !== latest.claims) return null;
  drawClaims(data.claims);
  drawPager('claims', Number(r.headers.get('X-Total-Count') || data.claims.length), () => loadClaims(params, generation));
  return data;
}

async function loadContradictions(params, gen) {
  const t = ticket('contradictions');
  const { items, total } = await getPage('/api/contradictions?' + withPage(params, 'contradictions'));
  if (gen !== generation || t !== latest.contradictions) return;
  drawContradictions(items);
  drawPager('contradictions', total, () => loadContradictions(params, generation));
}

let lastDaily = [];

async function showDashboard() {
  document.getElementById('event-view').hidden = true;
  document.getElementById('dashboard').hidden = false;
  const gen = ++generation;
  const all = filterParams();
  // claims have no event type; their since/until are publication dates
  const claimParams = filterParams(['conflict', 'actor', 'place', 'since', 'until']);
  for (const [id, base, p] of [['csv-events', '/api/events.csv', all], ['csv-claims', '/api/claims.csv', claimParams],
                               ['csv-contradictions', '/api/contradictions.csv', claimParams]]) {
    document.getElementById(id).href = base + (p.toString() ? '?' + p : '');
  }
  const [stats, daily, events, claims, marks] = await Promise.all([
    getJSON('/api/stats'), getJSON('/api/daily?' + all), loadEvents(all, gen), loadClaims(claimParams, gen),
    getJSON('/api/contradictions?limit=5000&' + claimParams), loadContradictions(claimParams, gen)]);
  if (gen !== generation || !events) return;
  lastDaily = daily;
  const contradicted = new Set(marks.filter(c => c.kind !== 'event_status')
    .flatMap(c => c.items.map(p => p.article_id + ':' + p.evidence.start)));
  document.getElementById('stats').textContent =
    ['articles', 'ledger_events', 'casualties', 'failures'].filter(k => k in stats)
      .map(k => k.replace('_', ' ') + ': ' + stats[k].toLocaleString()).join(' · ') +
    ` · ${events.total.toLocaleString()} events match`;
  drawMap(daily, events.items);
  drawTimeline(daily);
  drawSeries(claims.series, contradicted);
}

// -- one event ----------------------------------------------------------------------------------
// Article text with the evidence sentence (and the trigger inside it) wrapped in
// <mark>, built from text nodes only.
function highlighted(text, evidence, trigger) {
  const box = el('div', null, 'article-text');
  box.appendChild(document.createTextNode(text.slice(0, evidence.start)));
  const ev = el('mark', null, 'evidence');
  if (trigger && trigger.start >= evidence.start && trigger.end <= evidence.end) {
    ev.appendChild(document.createTextNode(text.slice(evidence.start, trigger.start)));
    ev.appendChild(el('mark', text.slice(trigger.start, trigger.end), 'trigger'));
    ev.appendChild(document.createTextNode(text.slice(trigger.end, evidence.end)));
  } else {
    ev.textContent = text.slice(evidence.start, evidence.end);
  }
  box.appendChild(ev);
  box.appendChild(document.createTextNode(text.slice(evidence.end)));
  return box;
}

function recordDate(rec) {
  const d = rec && rec.date;
  if (!d) return null;
  if (d.date) return d.date;
  if (d.start_date && d.end_date) return d.start_date === d.end_date ? d.start_date : d.start_date + '/' + d.end_date;
  return d.value || null;
}

// The reasons the merge rules (ledger/merge.py) give, computed from each source's own report.
function mergeReasons(reports) {
  const val = {
    type: r => r.type + (r.mode ? '/' + r.mode : ''),
    date: r => recordDate(r) || (r.published ? 'none (published ' + r.published + ')' : 'none'),
    place: r => r.place ? r.place.name + (r.place.country ? ' [' + r.place.country + ']' : '') : 'none given',
    parties: r => [refName(r.agent) || '?', refName(r.target) || '?'].join(' → '),
    status: r => r.status + (r.claimant ? ' (' + r.claimant + ')' : ''),
  };
  const verdict = {
    type: (vs, rs) => new Set(rs.map(r => r.type)).size > 1 ? 'different types'
      : new Set(vs).size === 1 ? 'same type' : 'same type (modes differ)',
    date: (vs, rs) => {
      const days = rs.map(recordDate).filter(d => d && d.length === 10);
      if (new Set(days).size === 1 && days.length === rs.length) return 'same day';
      if (!days.length) return 'no day given: publication dates within two days';
      const t = days.map(Date.parse), span = (Math.max(...t) - Math.min(...t)) / 864e5;
      return days.length < rs.length ? `${new Set(days).size === 1 ? 'same day where given' : span + ' days apart'}; others undated (two days' slack)`
                                     : span + ' days apart';
    },
    place: (vs, rs) => {
      const names = rs.filter(r => r.place).map(r => r.place.name);
      if (!names.length) return 'no place: parties must match';
      if (new Set(names).size === 1) return names.length === rs.length ? 'same place' : 'same place where given';
      return 'within 25 km or inside the province named';
    },
    parties: (vs, rs) => {
      const countries = k => new Set(rs.map(r => r[k] && r[k].country).filter(Boolean));
      return countries('agent').size <= 1 && countries('target').size <= 1 ? "parties' countries agree" : 'parties differ';
    },
    status: (vs, rs) => {
      const s = new Set(rs.map(r => r.status));
      return contested({ statuses: [...s] }) ? 'contested: statuses disagree' : s.size === 1 ? 'same status' : 'compatible statuses';
    },
  };
  return Object.keys(val).map(k => {
    const vs = reports.map(val[k]);
    return { criterion: k, values: vs, verdict: reports.length < 2 ? 'single source' : verdict[k](vs, reports) };
  });
}

function drawMergeTable(reports, arts) {
  const table = document.getElementById('event-merge');
  const head = el('tr');
  head.appendChild(el('th', ''));
  arts.forEach((a, i) => head.appendChild(el('th', `${i + 1}. ${a.article.outlet || 'unknown outlet'}${a.article.published ? ', ' + a.article.published : ''}`)));
  head.appendChild(el('th', 'verdict'));
  table.tHead.replaceChildren(head);
  const body = table.tBodies[0];
  body.replaceChildren();
  for (const row of mergeReasons(reports)) {
    const tr = el('tr');
    tr.appendChild(el('th', row.criterion));
    row.values.forEach(v => tr.appendChild(el('td', v)));
    tr.appendChild(el('td', row.verdict, 'verdict' + (/contested|different|parties differ/.test(row.verdict) ? ' warn' : '')));
    body.appendChild(tr);
  }
}

async function showEvent(id) {
  document.getElementById('dashboard').hidden = true;
  const view = document.getElementById('event-view');
  view.hidden = false;
  for (const sel of ['#event-sources', '#event-facts', '#event-merge tbody', '#event-claims tbody', '#event-contradictions'])
    document.querySelector(sel).replaceChildren();  // no stale event while loading
  document.getElementById('event-title').textContent = 'loading…';
  const q = encodeURIComponent(id);
  const [e, claims, contras] = await Promise.all([
    getJSON('/api/events/' + q), getJSON('/api/claims?event_id=' + q), getJSON('/api/contradictions?event_id=' + q)]);
  document.getElementById('event-title').textContent =
    `${e.type}${e.mode ? '/' + e.mode : ''} (${e.contested ? 'contested' : e.status})${e.date ? ' on ' + e.date : ''}${e.place ? ' at ' + e.place.name : ''}`;
  const banner = document.getElementById('event-contested');
  banner.hidden = !e.contested;
  if (e.contested) {
    banner.textContent = 'Contested: ' + e.sources.map(s => `${s.status} according to ${s.claimant || s.outlet || 'an unnamed source'}` +
      (s.claimant && s.outlet && s.claimant !== s.outlet ? ` (${s.outlet})` : '')).join('; ');
  }
  const facts = document.getElementById('event-facts');
  const rows = [['status', (e.statuses || [e.status]).join(', ')], ['agent', refName(e.agent)], ['target', refName(e.target)],
    ['place', e.place ? e.place.name + (e.place.country ? ' [' + e.place.country + ']' : '') : ''],
    ['ACLED', [e.acled_event_type, e.acled_sub_event_type].filter(Boolean).join(' / ')],
    ['conflict', e.conflict || ''], ['killed', e.fatalities ?? ''],
    ['sources', e.sources.length + (e.independent_sources != null ? ` (${e.independent_sources} independent)` : '')]];
  for (const [k, v] of rows.filter(([, v]) => v !== '' && v != null)) { facts.appendChild(el('dt', k)); facts.appendChild(el('dd', v)); }

  const cbody = document.querySelector('#event-claims tbody');
  for (const c of claims.claims) {
    const tr = el('tr');
    [c.published, c.outlet, c.claimant, c.side, count(c), c.outcome, c.population, c.evidence.text]
      .forEach(v => tr.appendChild(el('td', v ?? '')));
    cbody.appendChild(tr);
  }
  if (!claims.claims.length) cbody.appendChild(emptyRow(8));
  const cl = document.getElementById('event-contradictions');
  for (const c of contras) cl.appendChild(contradictionItem(c, false));
  if (!contras.length) cl.appendChild(el('li', 'none', 'muted'));

  const arts = await Promise.all(e.sources.map(s => getJSON('/api/articles/' + encodeURIComponent(s.article_id))));
  const reports = e.sources.map((s, i) => Object.assign({ published: arts[i].article.published },
    arts[i].events[s.event_index] || {}, { status: s.status, claimant: s.claimant }));
  drawMergeTable(reports, arts);
  const box = document.getElementById('event-sources');
  e.sources.forEach((s, i) => {
    const art = arts[i];
    const sec = el('section', null, 'source status-' + s.status);
    const title = art.article.title || art.article.text.slice(0, 70).trim() + (art.article.text.length > 70 ? '…' : '');
    sec.appendChild(el('h4', `${i + 1}. ${title}`));
    const meta = el('dl', null, 'source-meta');
    for (const [k, v] of [['outlet', s.outlet || 'unknown'], ['published', s.published || 'undated'],
                          ['status', s.status], ['claimant', s.claimant ? s.claimant + (s.claimant_country ? ' [' + s.claimant_country + ']' : '') : 'not attributed']]) {
      meta.appendChild(el('dt', k));
      meta.appendChild(el('dd', v, k === 'status' ? 'status ' + s.status : null));
    }
    sec.appendChild(meta);
    sec.appendChild(highlighted(art.article.text, s.evidence, s.trigger));
    box.appendChild(sec);
  });
  for (const m of box.querySelectorAll('mark.evidence')) {  // each column opens at its evidence
    const textBox = m.parentElement;
    textBox.scrollTop = Math.max(0, m.offsetTop - textBox.offsetTop - 40);
  }
}

function route() {
  const m = location.hash.match(/^#event\/(.+)$/);
  (m ? showEvent(decodeURIComponent(m[1])) : showDashboard()).catch(err => {
    document.getElementById('stats').textContent = 'error: ' + err.message;
  });
}

function resetOffsets() { for (const k of Object.keys(offsets)) offsets[k] = 0; }

function applyFilters() {
  resetOffsets();
  if (location.hash && location.hash !== '#') location.hash = ''; else showDashboard().catch(showError);
}
document.getElementById('filters').addEventListener('submit', ev => { ev.preventDefault(); applyFilters(); });
document.getElementById('filters').addEventListener('reset', () => setTimeout(applyFilters));  // once cleared
function showError(err) { document.getElementById('stats').textContent = 'error: ' + err.message; }
window.addEventListener('hashchange', route);
route();
