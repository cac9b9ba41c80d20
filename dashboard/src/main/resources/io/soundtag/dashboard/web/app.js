// soundtag dashboard: plain JS, no build step. Live state arrives by server-sent events once a second.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { config: null, snapshot: null, events: [], eventSeq: -1, view: 'grid', sensor: null,
  paused: false, selected: null, labels: [] };

// The token may come in the page's fragment (#token=…) as printed at first start; it never reaches the server's logs.
(function takeToken() {
  const m = location.hash.match(/token=([^&]+)/);
  if (m) { sessionStorage.setItem('soundtag-token', decodeURIComponent(m[1])); history.replaceState(null, '', location.pathname); }
  $('token').value = sessionStorage.getItem('soundtag-token') || '';
  $('token').addEventListener('change', () => sessionStorage.setItem('soundtag-token', $('token').value.trim()));
  $('reviewer').value = localStorage.getItem('soundtag-reviewer') || 'operator';
  $('reviewer').addEventListener('change', () => localStorage.setItem('soundtag-reviewer', $('reviewer').value.trim()));
})();

const fmtTime = (us) => { const d = new Date(us / 1000); return d.toLocaleTimeString([], { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0').slice(0, 1); };
const fmtDate = (ms) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) { if (k === 'class') e.className = v; else if (k === 'style') e.style.cssText = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v); }
  for (const k of kids) e.append(k instanceof Node ? k : document.createTextNode(k));
  return e;
};
async function getJson(url) { const r = await fetch(url); const j = await r.json(); if (!r.ok) throw new Error(j.error || r.statusText); return j; }

// ---- views ----
document.querySelectorAll('.tab').forEach((b) => b.addEventListener('click', () => show(b.dataset.view)));
$('back').addEventListener('click', () => show('grid'));
$('pause').addEventListener('click', () => { state.paused = !state.paused; if (!state.paused) { state.at = null; $('at').value = ''; } $('pause').textContent = state.paused ? 'live' : 'pause'; });
$('at-go').addEventListener('click', () => {
  const t = Date.parse($('at').value);
  if (Number.isNaN(t)) return;
  state.at = t * 1000; state.paused = true; $('pause').textContent = 'live'; refreshSensor();
});
$('play-view').addEventListener('click', () => { if (state.viewSpan) play({ ...state.viewSpan, fromMicros: state.viewSpan.fromMicros + 1e6, toMicros: state.viewSpan.toMicros - 1e6 }); });
function show(view, sensor) {
  state.view = view;
  if (sensor !== undefined) state.sensor = sensor;
  document.querySelectorAll('.view').forEach((v) => v.classList.add('hidden'));
  $('view-' + view).classList.remove('hidden');
  document.querySelectorAll('.tab').forEach((b) => b.classList.toggle('active', b.dataset.view === view));
  if (view === 'sensor') { $('sensor-title').textContent = state.sensor; if (!state.selected || state.selected.sensorId !== state.sensor) { state.at = null; } refreshSensor(); }
  if (view === 'review') refreshReview();
  if (view === 'timeline') renderEvents();
  if (view === 'models') renderModels();
}

// ---- live stream ----
function connect() {
  const es = new EventSource('/api/live?after=' + state.eventSeq);
  es.addEventListener('snapshot', (m) => { state.snapshot = JSON.parse(m.data); state.lastTick = Date.now(); onSnapshot(); });
  es.addEventListener('events', (m) => { addEvents(JSON.parse(m.data).events); });
  es.onerror = () => { $('live-dot').className = 'dot stale'; $('live-text').textContent = 'reconnecting…'; };
}
setInterval(() => {
  const fresh = state.lastTick && Date.now() - state.lastTick < 3000;
  $('live-dot').className = 'dot ' + (fresh ? 'live' : 'stale');
  $('live-text').textContent = fresh ? 'live' : 'no update for ' + Math.round((Date.now() - (state.lastTick || Date.now())) / 1000) + ' s';
}, 1000);

function addEvents(list) {
  const byKey = new Map(state.events.map((e) => [e.sensorId + '|' + e.label + '|' + e.onsetMicros, e]));
  for (const e of list) { byKey.set(e.sensorId + '|' + e.label + '|' + e.onsetMicros, e); state.eventSeq = Math.max(state.eventSeq, e.seq); }
  state.events = [...byKey.values()].sort((a, b) => b.onsetMicros - a.onsetMicros).slice(0, 2000);
  if (state.view === 'timeline') renderEvents();
}

function onSnapshot() {
  const s = state.snapshot;
  const labels = new Set(state.labels);
  s.sensors.forEach((c) => c.latest && c.latest.topK.forEach((t) => labels.add(t.label)));
  s.releases.forEach((r) => r.classes.forEach((l) => labels.add(l)));
  state.events.forEach((e) => labels.add(e.label));
  state.labels = [...labels].sort();
  fillSelect($('f-sensor'), s.sensors.map((c) => c.sensorId));
  fillSelect($('f-label'), state.labels);
  if (state.view === 'grid') renderGrid();
  if (state.view === 'sensor' && !state.paused) refreshSensor();
  if (state.view === 'models') renderModels();
}
function fillSelect(sel, values) {
  const have = [...sel.options].map((o) => o.value);
  values.forEach((v) => { if (!have.includes(v)) sel.append(el('option', { value: v }, v)); });
}

// ---- sensor grid ----
function liveness(c) {
  if (c.lastChunkAgeMillis == null) return ['dead', 'no audio seen'];
  const a = c.lastChunkAgeMillis / 1000;
  const text = a < 60 ? a.toFixed(1) + ' s ago' : Math.round(a / 60) + ' min ago';
  return [a < 3 ? 'ok' : a < 15 ? 'late' : 'dead', text];
}
function renderGrid() {
  const grid = $('grid');
  grid.replaceChildren(...state.snapshot.sensors.map((c) => {
    const w = c.latest;
    const tagged = new Set(w ? w.tags.map((t) => t.label) : []);
    const [cls, age] = liveness(c);
    const bars = el('div', { class: 'bars' }, ...(w ? w.topK.slice(0, 4) : []).map((t) => el('div', { class: 'bar' + (tagged.has(t.label) ? ' tagged' : ''), 'data-label': t.label },
      el('span', { class: 'name' }, t.label), el('span', { class: 'track' }, el('span', { class: 'fill', style: 'display:block;width:' + Math.round(t.score * 100) + '%' })),
      el('span', { class: 'val' }, t.score.toFixed(2)))));
    return el('div', { class: 'card' + (tagged.size ? ' alarm' : ''), 'data-sensor': c.sensorId, onclick: () => show('sensor', c.sensorId) },
      el('div', { class: 'top' }, el('span', { class: 'id' }, c.sensorId), el('span', { class: 'live-badge ' + cls }, age)),
      el('div', { class: 'tags' }, w ? (w.tags.length ? w.tags.map((t) => t.label + ' ' + t.score.toFixed(2)).join(', ') : 'nothing above threshold') : 'no windows yet'),
      bars, sparkline(c.laeqHistory),
      el('div', { class: 'meta' }, el('span', {}, 'LAeq ' + (w && w.laeqDb != null ? w.laeqDb.toFixed(1) + ' ' + w.laeqUnit : '–')),
        el('span', {}, 'gaps ' + c.gaps + ' · dead letters ' + c.deadLetters)),
      el('div', { class: 'meta' }, el('span', {}, w ? w.modelVersion : '')));
  }));
}
function sparkline(values) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'spark'); svg.setAttribute('viewBox', '0 0 240 28'); svg.setAttribute('preserveAspectRatio', 'none');
  const v = values.filter((x) => x != null);
  if (v.length > 1) {
    const lo = Math.min(...v) - 1, hi = Math.max(...v) + 1;
    const pts = values.map((x, i) => x == null ? null : (i * 240 / (values.length - 1)).toFixed(1) + ',' + (27 - (x - lo) / (hi - lo) * 26).toFixed(1)).filter(Boolean);
    const p = document.createElementNS(ns, 'polyline');
    p.setAttribute('points', pts.join(' ')); p.setAttribute('fill', 'none'); p.setAttribute('stroke', '#58a6ff'); p.setAttribute('stroke-width', '1.5');
    svg.append(p);
  }
  return svg;
}

// ---- sensor view: spectrogram, scores over time, outlines ----
const PALETTE = (() => { // dark blue → purple → orange → pale yellow
  const stops = [[0, [0, 0, 4]], [0.25, [59, 15, 112]], [0.5, [140, 41, 129]], [0.75, [241, 96, 93]], [1, [252, 253, 191]]];
  const out = [];
  for (let i = 0; i < 256; i++) {
    const x = i / 255; let k = 0; while (k < stops.length - 2 && x > stops[k + 1][0]) k++;
    const [x0, c0] = stops[k], [x1, c1] = stops[k + 1]; const f = (x - x0) / (x1 - x0);
    out.push(c0.map((c, j) => Math.round(c + f * (c1[j] - c))));
  }
  return out;
})();
const COLORS = ['#f0b429', '#58a6ff', '#3fb950', '#f85149', '#bc8cff', '#39c5cf', '#ff7b72', '#d2a8ff', '#7ee787', '#ffa657'];
const colorOf = (label) => { const i = state.labels.indexOf(label); return COLORS[(i < 0 ? 0 : i) % COLORS.length]; };
let sensorBusy = false;
async function refreshSensor() {
  if (sensorBusy || !state.sensor) return;
  sensorBusy = true;
  try {
    const windows = (await getJson('/api/windows?sensor=' + encodeURIComponent(state.sensor))).windows;
    const last = windows.length ? windows[windows.length - 1] : null;
    $('sensor-model').textContent = last ? 'model ' + last.modelVersion : '';
    const toUs = state.at != null ? state.at + 5e6 : last ? last.endMicros : Date.now() * 1000;
    const fromUs = toUs - 10e6;
    state.viewSpan = { sensorId: state.sensor, fromMicros: fromUs, toMicros: toUs, predicted: [], modelVersion: last ? last.modelVersion : 'unknown' };
    let spec = null;
    if (state.config.audio) {
      try { spec = await getJson('/api/spectrogram?sensor=' + encodeURIComponent(state.sensor) + '&from=' + Math.round(fromUs) + '&to=' + Math.round(toUs)); $('spec-note').textContent = ''; }
      catch (e) { $('spec-note').textContent = 'spectrogram: ' + e.message; }
    } else { $('spec-note').textContent = 'no audio served by this dashboard (--no-audio)'; }
    drawSpectrogram(spec, fromUs, toUs, windows);
    drawScores(windows, fromUs, toUs);
    renderSensorWindows(windows);
  } catch (e) { $('spec-note').textContent = e.message; }
  finally { sensorBusy = false; }
}
function drawSpectrogram(spec, fromUs, toUs, windows) {
  const c = $('spectrogram'), g = c.getContext('2d');
  g.fillStyle = '#000'; g.fillRect(0, 0, c.width, c.height);
  const x = (us) => (us - fromUs) / (toUs - fromUs) * c.width;
  if (spec) {
    const img = g.createImageData(spec.frames, spec.bins);
    const levels = Uint8Array.from(atob(spec.levels), (ch) => ch.charCodeAt(0));
    for (let f = 0; f < spec.frames; f++) for (let b = 0; b < spec.bins; b++) {
      const p = PALETTE[levels[f * spec.bins + b]]; const i = ((spec.bins - 1 - b) * spec.frames + f) * 4;
      img.data[i] = p[0]; img.data[i + 1] = p[1]; img.data[i + 2] = p[2]; img.data[i + 3] = 255;
    }
    const tmp = document.createElement('canvas'); tmp.width = spec.frames; tmp.height = spec.bins; tmp.getContext('2d').putImageData(img, 0, 0);
    const x0 = x(spec.startMicros), x1 = x(spec.startMicros + spec.frames * spec.hopMicros);
    g.imageSmoothingEnabled = false; g.drawImage(tmp, x0, 0, x1 - x0, c.height);
  }
  // Outline what raised a tag: the sensor's events in view, and the selected window or event brightest.
  g.lineWidth = 2;
  state.events.filter((e) => e.sensorId === state.sensor).forEach((e) => {
    const end = e.offsetMicros == null ? toUs : e.offsetMicros;
    if (end < fromUs || e.onsetMicros > toUs) return;
    const x0 = Math.max(0, x(e.onsetMicros)), x1 = Math.min(c.width, x(end));
    g.strokeStyle = colorOf(e.label); g.strokeRect(x0, 14, x1 - x0, c.height - 30);
    g.fillStyle = colorOf(e.label); g.font = '12px sans-serif';
    g.fillText(e.label + ' ' + e.peakScore.toFixed(2) + (e.offsetMicros == null ? ' …' : ''), x0 + 3, 11);
  });
  const tagged = windows.filter((w) => w.tags.length);
  const lastTagged = tagged.length ? tagged[tagged.length - 1] : null;
  const sel = state.selected && state.selected.sensorId === state.sensor ? state.selected : lastTagged && { fromMicros: lastTagged.startMicros, toMicros: lastTagged.endMicros };
  if (sel) { g.strokeStyle = '#ffffff'; g.setLineDash([5, 3]); g.strokeRect(x(sel.fromMicros), 2, x(sel.toMicros) - x(sel.fromMicros), c.height - 4); g.setLineDash([]); }
  g.fillStyle = 'rgba(0,0,0,0.65)'; g.fillRect(0, c.height - 15, c.width, 15);
  g.fillStyle = '#e4e8ee'; g.font = '11px sans-serif';
  for (let s = Math.ceil(fromUs / 1e6); s * 1e6 <= toUs; s++) {
    g.fillRect(x(s * 1e6), c.height - 15, 1, 4);
    if (s % 2 === 0) g.fillText(fmtTime(s * 1e6).slice(0, 8), x(s * 1e6) + 3, c.height - 3);
  }
}
function drawScores(windows, fromUs, toUs) {
  const c = $('scores'), g = c.getContext('2d');
  g.fillStyle = '#0d1117'; g.fillRect(0, 0, c.width, c.height);
  const x = (us) => (us - fromUs) / (toUs - fromUs) * c.width, y = (s) => c.height - 4 - s * (c.height - 8);
  const inView = windows.filter((w) => w.endMicros >= fromUs);
  const best = new Map();
  inView.forEach((w) => w.topK.forEach((t) => best.set(t.label, Math.max(best.get(t.label) || 0, t.score))));
  const labels = [...best.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map((e) => e[0]);
  g.strokeStyle = '#2c333d'; g.beginPath(); g.moveTo(0, y(0.5)); g.lineTo(c.width, y(0.5)); g.stroke();
  labels.forEach((label) => {
    g.strokeStyle = colorOf(label); g.lineWidth = 2; g.beginPath(); let started = false;
    inView.forEach((w) => { const t = w.topK.find((s) => s.label === label); const px = x((w.startMicros + w.endMicros) / 2), py = y(t ? t.score : 0);
      if (started) g.lineTo(px, py); else { g.moveTo(px, py); started = true; } });
    g.stroke();
    inView.forEach((w) => { if (w.tags.some((t) => t.label === label)) { const t = w.tags.find((s) => s.label === label); g.fillStyle = colorOf(label); g.fillRect(x((w.startMicros + w.endMicros) / 2) - 2, y(t.score) - 2, 5, 5); } });
  });
  $('score-legend').replaceChildren(...labels.map((l) => el('span', { style: 'color:' + colorOf(l) }, '■ ' + l)), el('span', { class: 'hint' }, 'dots: above threshold (tagged) · boxes: sound events, in their label\'s colour · dashed: the selected or last tagged window'));
}
function renderSensorWindows(windows) {
  const rows = windows.filter((w) => w.tags.length).slice(-12).reverse();
  $('sensor-windows').replaceChildren(...rows.map((w) => el('tr', {},
    el('td', {}, fmtTime(w.startMicros) + '–' + fmtTime(w.endMicros)), el('td', {}, w.tags.map((t) => t.label + ' ' + t.score.toFixed(2)).join(', ')),
    el('td', {}, w.laeqDb == null ? '–' : w.laeqDb.toFixed(1) + ' ' + w.laeqUnit), el('td', {}, w.modelVersion),
    el('td', {}, actions({ sensorId: state.sensor, fromMicros: w.startMicros, toMicros: w.endMicros, predicted: w.tags.map((t) => t.label), modelVersion: w.modelVersion })))));
}

// ---- events timeline ----
$('f-sensor').addEventListener('change', renderEvents);
$('f-label').addEventListener('change', renderEvents);
function eventSpan(e) { return { sensorId: e.sensorId, fromMicros: e.onsetMicros, toMicros: e.offsetMicros == null ? e.onsetMicros + 1e6 : e.offsetMicros, predicted: [e.label], modelVersion: e.modelVersion }; }
function renderEvents() {
  const fs = $('f-sensor').value, fl = $('f-label').value;
  const rows = state.events.filter((e) => (!fs || e.sensorId === fs) && (!fl || e.label === fl)).slice(0, 300);
  $('events').replaceChildren(...rows.map((e) => el('tr', { class: 'event-row', 'data-sensor': e.sensorId, 'data-label': e.label, 'data-onset': e.onsetMicros, 'data-offset': e.offsetMicros == null ? '' : e.offsetMicros, 'data-model': e.modelVersion },
    el('td', {}, fmtTime(e.onsetMicros)), el('td', {}, e.offsetMicros == null ? 'ongoing' : fmtTime(e.offsetMicros)),
    el('td', {}, e.sensorId), el('td', {}, e.label), el('td', {}, e.peakScore.toFixed(2)), el('td', {}, e.modelVersion),
    el('td', {}, actions(eventSpan(e))))));
}

// ---- playback and review actions ----
function actions(span) {
  const box = el('span', { class: 'actions' });
  const look = el('button', { class: 'small act-look', title: 'show on the spectrogram', onclick: (ev) => { ev.stopPropagation(); state.selected = span; state.at = (span.fromMicros + span.toMicros) / 2; state.paused = true; $('pause').textContent = 'live'; show('sensor', span.sensorId); } }, '◫');
  box.append(look);
  if (state.config.audio) box.append(el('button', { class: 'small act-play', title: 'play with a second before and after', onclick: () => play(span) }, '▶'));
  if (state.config.reviews) {
    box.append(el('button', { class: 'small act-confirm', title: 'confirm: the model is right', onclick: () => review('CONFIRM', span, span.predicted) }, '✓'),
      el('button', { class: 'small act-correct', title: 'correct: pick the labels', onclick: () => pick('CORRECT', span) }, '✎'),
      el('button', { class: 'small act-false', title: 'false positive: none of the known sounds is there (a negative clip); when another is there, correct instead', onclick: () => review('FALSE_POSITIVE', span, span.predicted) }, '✗'),
      el('button', { class: 'small act-new', title: 'a new class', onclick: () => pick('NEW_CLASS', span) }, '+'));
  }
  return box;
}
function play(span) {
  const p = $('player');
  p.src = '/api/audio.wav?sensor=' + encodeURIComponent(span.sensorId) + '&from=' + Math.round(span.fromMicros) + '&to=' + Math.round(span.toMicros);
  $('player-label').textContent = span.sensorId + ' ' + fmtTime(span.fromMicros) + '–' + fmtTime(span.toMicros) + ' (±1 s)';
  p.play().catch(() => { /* autoplay may be blocked; the controls still work */ });
}
function pick(kind, span) {
  const d = $('pick');
  $('pick-title').textContent = kind === 'NEW_CLASS' ? 'A sound the model has no class for' : 'Which sounds are there?';
  $('pick-labels').replaceChildren(...(kind === 'NEW_CLASS' ? [] : state.labels.map((l) => el('label', {}, el('input', { type: 'checkbox', value: l }), ' ' + l))));
  $('pick-new-wrap').classList.toggle('hidden', kind !== 'NEW_CLASS');
  $('pick-new').value = '';
  d.onclose = () => {
    if (d.returnValue !== 'ok') return;
    const labels = kind === 'NEW_CLASS' ? [$('pick-new').value.trim()].filter(Boolean) : [...$('pick-labels').querySelectorAll('input:checked')].map((i) => i.value);
    review(kind, span, labels);
  };
  d.showModal();
}
async function review(kind, span, labels) {
  const st = $('review-status');
  const body = { kind, sensorId: span.sensorId, fromMicros: Math.round(span.fromMicros), toMicros: Math.round(span.toMicros), predicted: span.predicted, labels, modelVersion: span.modelVersion, reviewer: $('reviewer').value.trim() || 'operator' };
  try {
    const r = await fetch('/api/reviews', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Soundtag-Token': $('token').value.trim() }, body: JSON.stringify(body) });
    const j = await r.json();
    if (!r.ok) throw new Error(j.error);
    st.className = ''; st.textContent = 'review sent: ' + kind.toLowerCase().replace('_', ' ') + ' ' + labels.join(', ') + ' → clip ' + j.clipId.slice(0, 12);
    if (state.view === 'review') refreshReview();
  } catch (e) { st.className = 'error'; st.textContent = 'review not sent: ' + e.message; }
}

// ---- review queue and precision ----
async function refreshReview() {
  const [q, p] = await Promise.all([getJson('/api/queue'), getJson('/api/reviews/scores')]);
  $('queue').replaceChildren(...q.items.map((i) => el('tr', { class: 'queue-row' },
    el('td', {}, fmtTime(i.startMicros) + '–' + fmtTime(i.endMicros)), el('td', {}, i.sensorId), el('td', {}, i.label),
    el('td', {}, i.score.toFixed(2)), el('td', {}, i.lowestTagged.toFixed(2)), el('td', {}, i.tags.map((t) => t.label).join(', ') || '–'),
    el('td', {}, actions({ sensorId: i.sensorId, fromMicros: i.startMicros, toMicros: i.endMicros, predicted: i.tags.map((t) => t.label), modelVersion: i.modelVersion })))));
  const scores = (list) => list.map((x) => x.label + ' ' + x.score.toFixed(2)).join(', ');
  if (!q.candidateScoring) $('candidate-hint').textContent = 'The candidate does not score windows on this dashboard (started with --candidate-windows-per-second 0).';
  $('disagreements').replaceChildren(...q.disagreements.map((d) => el('tr', { class: 'disagreement-row', 'data-sensor': d.sensorId, 'data-start': d.startMicros },
    el('td', {}, fmtTime(d.startMicros) + '–' + fmtTime(d.endMicros)), el('td', {}, d.sensorId),
    el('td', {}, d.servedModel), el('td', {}, scores(d.servedScores)),
    el('td', {}, d.candidateModel + ' (' + d.candidateDecision.toLowerCase() + ')'), el('td', {}, scores(d.candidateScores)),
    el('td', {}, actions({ sensorId: d.sensorId, fromMicros: d.startMicros, toMicros: d.endMicros, predicted: d.servedTags, modelVersion: d.servedModel })))));
  const pct = (x) => x == null ? '–' : (100 * x).toFixed(0) + ' %';
  $('precision').replaceChildren(...p.classes.map((c) => el('tr', { 'data-label': c.label }, el('td', {}, c.label), el('td', {}, c.truePositives),
    el('td', {}, c.falsePositives), el('td', {}, c.falseNegatives), el('td', {}, pct(c.precision)), el('td', {}, pct(c.recall)))));
}

// ---- models and dead letters ----
function renderModels() {
  const s = state.snapshot; if (!s) return;
  const figures = (m) => Object.entries(m).map(([k, v]) => k + ' ' + v.toFixed(3)).join(', ') || '–';
  const ago = (ms) => { const a = (s.atMillis - ms) / 1000; return a < 90 ? a.toFixed(0) + ' s ago' : Math.round(a / 60) + ' min ago'; };
  $('taggers').replaceChildren(...(s.taggers.length ? s.taggers.map((t) => el('tr', {}, el('td', {}, t.instanceId), el('td', {}, t.deployment),
    el('td', {}, t.servedModelId), el('td', {}, t.streamState), el('td', {}, t.tasks.join(' ')), el('td', {}, ago(t.heartbeatMillis)),
    el('td', {}, t.swaps), el('td', {}, t.refusals), el('td', { class: 'hint' }, [t.lastSwap, t.lastRefusal].filter(Boolean).join(' · ') || '–')))
    : [el('tr', {}, el('td', { colspan: 9, class: 'hint' }, 'no tagger heartbeat on audio.status'))]));
  $('served').replaceChildren(...Object.entries(s.servedVersions).map(([k, v]) => el('tr', {}, el('td', {}, k), el('td', {}, v))));
  $('releases').replaceChildren(...(s.releases.length ? s.releases.map((r) => el('tr', { class: r.current ? 'selected' : '' },
    el('td', {}, r.deployment), el('td', {}, r.release + (r.current ? ' (current)' : '')), el('td', {}, r.decision),
    el('td', {}, r.parentRelease == null ? '–' : r.parentRelease), el('td', {}, r.bundle), el('td', {}, fmtDate(r.createdAtMillis)),
    el('td', {}, r.createdBy || '–'), el('td', {}, figures(r.gateMetrics)), el('td', {}, figures(r.parentGateMetrics)),
    el('td', { title: r.recipe }, r.recipe.length > 40 ? r.recipe.slice(0, 40) + '…' : r.recipe)))
    : [el('tr', {}, el('td', { colspan: 10, class: 'hint' }, 'no release on audio.models: the taggers serve the model they were started with'))]));
  const rows = (m) => Object.entries(m).sort((a, b) => b[1] - a[1]).map(([k, v]) => el('tr', {}, el('td', {}, k), el('td', {}, v)));
  $('deadletters').replaceChildren(...rows(s.deadLettersByReason));
  $('skipped').replaceChildren(...rows(s.skippedRecords));
}

// ---- start ----
(async function start() {
  state.config = await getJson('/api/config');
  state.labels = state.config.labels;
  $('mode').textContent = [state.config.readOnly ? 'read-only' : null, state.config.audio ? null : 'no audio'].filter(Boolean).join(' · ');
  $('token-label').classList.toggle('hidden', !state.config.reviews);
  const past = await getJson('/api/events?limit=1000');
  addEvents(past.events);
  state.snapshot = await getJson('/api/snapshot');
  onSnapshot();
  connect();
  setInterval(() => { if (state.view === 'review') refreshReview(); }, 5000);
})();
