// sitrep dashboard. All article-derived strings are inserted with textContent
// (never innerHTML), so markup inside articles is shown, not executed.  Plotly
// renders a subset of HTML in labels (<a href>, <b>, <span style>), so every
// string that becomes a chart label goes through plain() first.
'use strict';

const PLOT_CONFIG = { topojsonURL: '/static/vendor/topojson/', displaylogo: false, responsive: true };

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

async function getJSON(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(url + ': ' + r.status);
  return r.json();
}

function filterQuery(names) {
  const params = new URLSearchParams();
  for (const input of document.querySelectorAll('#filters input')) {
    if (input.value && (!names || names.includes(input.name))) params.set(input.name, input.value);
  }
  return params.toString();
}

function drawMap(events) {
  const located = events.filter(e => e.place && e.place.lat != null && e.place.lon != null);
  const trace = {
    type: 'scattergeo', mode: 'markers',
    lat: located.map(e => e.place.lat), lon: located.map(e => e.place.lon),
    text: located.map(e => plain(`${e.type} (${e.status}) ${e.place.name || ''} ${e.date || ''}`)),
    customdata: located.map(e => e.id),
    marker: { size: located.map(e => 8 + 4 * e.sources.length), color: '#d9480f', opacity: 0.8 },
  };
  const geo = { projection: { type: 'natural earth' }, showcountries: true, showland: true,
                landcolor: '#eef0e5', countrycolor: '#999' };
  if (located.length) {  // frame the events with a margin of at least ~15 degrees
    const lats = located.map(e => e.place.lat), lons = located.map(e => e.place.lon);
    const pad = 8;
    geo.lataxis = { range: [Math.max(-90, Math.min(...lats) - pad), Math.min(90, Math.max(...lats) + pad)] };
    geo.lonaxis = { range: [Math.max(-180, Math.min(...lons) - pad * 1.5), Math.min(180, Math.max(...lons) + pad * 1.5)] };
  }
  const layout = { margin: { l: 0, r: 0, t: 0, b: 0 }, geo };
  Plotly.newPlot('map', [trace], layout, PLOT_CONFIG);
  document.getElementById('map').on?.('plotly_click', ev => { location.hash = '#event/' + ev.points[0].customdata; });
}

function drawTimeline(events) {
  const dated = events.filter(e => e.date);
  const statuses = [...new Set(dated.map(e => e.status))];
  const traces = statuses.map(s => {
    const sel = dated.filter(e => e.status === s);
    return { type: 'scatter', mode: 'markers', name: plain(s), x: sel.map(e => e.date), y: sel.map(e => plain(e.type)),
             text: sel.map(e => plain(refName(e.agent) + ' → ' + refName(e.target))), customdata: sel.map(e => e.id),
             marker: { size: 12 } };
  });
  const days = dated.map(e => Date.parse(e.date));
  const xaxis = { type: 'date' };
  if (days.length) {  // at least a week wide, so one event does not zoom to milliseconds
    const lo = Math.min(...days), hi = Math.max(...days), week = 7 * 864e5;
    const pad = Math.max(week - (hi - lo), 0) / 2 + 864e5;
    xaxis.range = [new Date(lo - pad).toISOString().slice(0, 10), new Date(hi + pad).toISOString().slice(0, 10)];
  }
  Plotly.newPlot('timeline', traces, { margin: { l: 110, r: 10, t: 10, b: 40 }, xaxis }, PLOT_CONFIG);
  document.getElementById('timeline').on?.('plotly_click', ev => { location.hash = '#event/' + ev.points[0].customdata; });
}

function drawClaims(claims) {
  const key = c => plain((c.claimant || 'unknown') + ' → ' + (c.side || '?'));
  // the chart compares deaths and injuries; displacement figures (thousands) stay in the table
  const charted = claims.filter(c => ['killed', 'wounded', 'casualties', 'missing'].includes(c.outcome));
  const outcomes = [...new Set(charted.map(c => c.outcome))];
  const groups = [...new Set(charted.map(key))];
  const traces = outcomes.map(o => ({
    type: 'bar', name: plain(o), x: groups,
    y: groups.map(g => Math.max(0, ...charted.filter(c => key(c) === g && c.outcome === o).map(c => c.high))),
  }));
  Plotly.newPlot('claims-chart', traces, { barmode: 'group', margin: { l: 40, r: 10, t: 10, b: 120 } }, PLOT_CONFIG);
  const body = document.querySelector('#claims tbody');
  body.replaceChildren();
  for (const c of claims) {
    const tr = el('tr');
    const count = c.low === c.high ? c.low : c.low + '–' + c.high;
    [c.claimant, c.side, count, c.outcome, c.population, c.outlet, c.published].forEach(v => tr.appendChild(el('td', v ?? '')));
    tr.title = c.evidence.text;
    body.appendChild(tr);
  }
}

function drawContradictions(items) {
  const ul = document.getElementById('contradictions');
  ul.replaceChildren();
  for (const c of items) ul.appendChild(el('li', c.kind + ': ' + c.description));
  if (!items.length) ul.appendChild(el('li', 'none found', 'muted'));
}

function drawEvents(events) {
  const body = document.querySelector('#events tbody');
  body.replaceChildren();
  for (const e of events) {
    const tr = el('tr', null, 'clickable');
    tr.dataset.id = e.id;
    [e.date || '', e.type + (e.mode ? '/' + e.mode : ''), e.status, refName(e.agent), refName(e.target),
     e.place ? e.place.name : '', e.sources.length].forEach(v => tr.appendChild(el('td', v)));
    tr.addEventListener('click', () => { location.hash = '#event/' + e.id; });
    body.appendChild(tr);
  }
}

async function showDashboard() {
  document.getElementById('event-view').hidden = true;
  document.getElementById('dashboard').hidden = false;
  // events take every filter; claims only the date range (of publication)
  const [stats, eventsResp, claims, contradictions] = await Promise.all([
    getJSON('/api/stats'), fetch('/api/events?' + filterQuery()), getJSON('/api/claims?' + filterQuery(['since', 'until'])),
    getJSON('/api/contradictions')]);
  if (!eventsResp.ok) throw new Error('/api/events: ' + eventsResp.status);
  const events = await eventsResp.json();
  const total = Number(eventsResp.headers.get('X-Total-Count') || events.length);
  document.getElementById('stats').textContent =
    Object.entries(stats).filter(([, v]) => typeof v === 'number').map(([k, v]) => k + ': ' + v).join(' · ') +
    (total > events.length ? ` · showing ${events.length} of ${total} events` : '');
  drawMap(events);
  drawTimeline(events);
  drawClaims(claims.claims);
  drawContradictions(contradictions);
  drawEvents(events);
}

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

async function showEvent(id) {
  document.getElementById('dashboard').hidden = true;
  const view = document.getElementById('event-view');
  view.hidden = false;
  document.getElementById('event-sources').replaceChildren();  // no stale event while loading
  document.getElementById('event-title').textContent = 'loading…';
  const e = await getJSON('/api/events/' + encodeURIComponent(id));
  document.getElementById('event-title').textContent =
    `${e.type}${e.mode ? '/' + e.mode : ''} (${e.contested ? 'contested: ' + (e.statuses || []).join(' / ') : e.status})${e.date ? ' on ' + e.date : ''}`;
  const facts = document.getElementById('event-facts');
  facts.replaceChildren();
  const rows = [['agent', refName(e.agent)], ['target', refName(e.target)],
    ['place', e.place ? e.place.name + (e.place.country ? ' [' + e.place.country + ']' : '') : ''],
    ['ACLED', [e.acled_event_type, e.acled_sub_event_type].filter(Boolean).join(' / ')],
    ['conflict', e.conflict || ''], ['sources', e.sources.length]];
  for (const [k, v] of rows) { facts.appendChild(el('dt', k)); facts.appendChild(el('dd', v)); }
  const box = document.getElementById('event-sources');
  box.replaceChildren();
  for (const s of e.sources) {
    const art = await getJSON('/api/articles/' + encodeURIComponent(s.article_id));
    const sec = el('section', null, 'source');
    sec.appendChild(el('h3', art.article.title || s.article_id));
    sec.appendChild(el('p', [s.outlet, s.published, s.status, s.claimant ? 'claimed by ' + s.claimant : ''].filter(Boolean).join(' · '), 'muted'));
    sec.appendChild(highlighted(art.article.text, s.evidence, s.trigger));
    box.appendChild(sec);
  }
}

function route() {
  const m = location.hash.match(/^#event\/(.+)$/);
  (m ? showEvent(decodeURIComponent(m[1])) : showDashboard()).catch(err => {
    document.getElementById('stats').textContent = 'error: ' + err.message;
  });
}

document.getElementById('filters').addEventListener('submit', ev => { ev.preventDefault(); location.hash = ''; showDashboard(); });
window.addEventListener('hashchange', route);
route();
