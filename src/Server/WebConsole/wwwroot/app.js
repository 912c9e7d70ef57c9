// The console page: sign in, analyse a file with live progress, read the report, heatmaps,
// past reports (a page at a time) and similar cases, and ask questions about the open report.
// Plain ES modules, no build step.
import { ApiError, ImagingApi, fileToBase64 } from './api.js';
import { STAGES, el, renderChatEntry, renderReport, renderReportList, renderSimilar, stageName } from './render.js';

const TOKEN_KEY = 'medimg.console.token';
const $ = id => document.getElementById(id);

/** Reports per page of the past-reports list; `?pageSize=N` (1–100, the API's maximum) in the page URL overrides it. */
export const REPORTS_PAGE_SIZE = 20;
const reportsPageSize = (() => {
  const requested = Number.parseInt(new URLSearchParams(location.search).get('pageSize') ?? '', 10);
  return Number.isInteger(requested) && requested >= 1 && requested <= 100 ? requested : REPORTS_PAGE_SIZE;
})();

const api = new ImagingApi(sessionStorage.getItem(TOKEN_KEY) ?? '');
const state = {
  file: null,
  originalUrl: '',
  heatmapUrls: [],
  currentReportId: '',
  currentCitations: [],
  busy: false,
};

// The past-reports list: the pages loaded so far, in the server's order (newest first), and the
// token of the next page. Every reset (sign-in, refresh, a new report) starts a new generation, so
// a page that arrives for an older one is dropped rather than appended to the wrong list.
const reportList = { items: [], ids: new Set(), nextPageToken: '', generation: 0, loading: false };

// Chat transcripts of this tab, per report (the API keeps the conversation but has no call to read
// it back), and the reports with a question on its way.
const chat = { transcripts: new Map(), pending: new Set() };

function showError(error) {
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  const box = $('error');
  box.textContent = message;
  box.hidden = false;
  box.dataset.status = error instanceof ApiError ? String(error.status) : '';
}

function clearError() {
  $('error').hidden = true;
  $('error').textContent = '';
}

/** The token's subject, for display only (the server verifies the token, not this page). */
function tokenSubject(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)).sub ?? '';
  } catch {
    return '';
  }
}

async function signIn(token) {
  clearError();
  api.token = token.trim();
  if (!api.token) {
    showError('Paste a token first.');
    return false;
  }
  $('signin-status').textContent = 'Checking the token…';
  try {
    await loadFirstReportsPage();
    // Another user's questions are not this one's to read.
    if (sessionStorage.getItem(TOKEN_KEY) !== api.token) chat.transcripts.clear();
    sessionStorage.setItem(TOKEN_KEY, api.token);
    const subject = tokenSubject(api.token);
    $('signin-status').textContent = `Signed in${subject ? ` as ${subject}` : ''}.`;
    document.body.classList.add('signed-in');
    showHealth();
    return true;
  } catch (e) {
    sessionStorage.removeItem(TOKEN_KEY);
    document.body.classList.remove('signed-in');
    $('signin-status').textContent = e instanceof ApiError && e.status === 401 ? 'Token rejected.' : 'Not signed in.';
    showError(e);
    return false;
  }
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  api.token = '';
  $('token').value = '';
  document.body.classList.remove('signed-in');
  $('signin-status').textContent = 'Signed out.';
  showHealth();
  reportList.generation++; // drops any page still on its way
  reportList.loading = false;
  clearReportList();
  $('reports').replaceChildren(el('p', { class: 'muted' }, 'Sign in to see your reports.'));
  showReportPaging();
  // Nothing of this user stays on the page for whoever signs in next.
  chat.transcripts.clear();
  clearReport();
  clearError();
}

// --- past reports, a page at a time ---------------------------------------------------------

function clearReportList() {
  reportList.items = [];
  reportList.ids = new Set();
  reportList.nextPageToken = '';
}

/** Adds a page to the list: in the server's order, skipping any report already listed. */
function appendReports(page) {
  for (const report of page.reports ?? []) {
    if (reportList.ids.has(report.id)) continue;
    reportList.ids.add(report.id);
    reportList.items.push(report);
  }
  reportList.nextPageToken = page.nextPageToken ?? '';
}

function showReports() {
  $('reports').replaceChildren(renderReportList(reportList.items, openReport, state.currentReportId));
  showReportPaging();
}

/** "Load more" only while the server has another page; disabled while a page is loading. */
function showReportPaging() {
  const more = $('reports-more');
  more.hidden = !reportList.nextPageToken;
  more.disabled = reportList.loading;
  more.textContent = reportList.loading ? 'Loading…' : 'Load more';
  const count = reportList.items.length;
  $('reports-count').textContent = !count ? '' : reportList.nextPageToken ? `${count} shown, more on the server` : `${count} shown, all`;
}

/**
 * Starts the list again from the newest report (sign-in, Refresh, after an analysis). Pages still
 * on their way belong to the old list and are dropped. Throws when the server refuses, leaving the
 * list as it was.
 */
async function loadFirstReportsPage() {
  const generation = ++reportList.generation;
  reportList.loading = true;
  showReportPaging();
  try {
    const page = await api.listReports(reportsPageSize);
    if (generation !== reportList.generation) return;
    clearReportList();
    appendReports(page);
    showReports();
  } finally {
    if (generation === reportList.generation) {
      reportList.loading = false;
      showReportPaging();
    }
  }
}

async function loadMoreReports() {
  if (reportList.loading || !reportList.nextPageToken) return;
  const generation = reportList.generation;
  reportList.loading = true;
  showReportPaging();
  try {
    const page = await api.listReports(reportsPageSize, reportList.nextPageToken);
    if (generation !== reportList.generation) return;
    appendReports(page);
  } catch (e) {
    if (generation === reportList.generation) showError(e);
  } finally {
    if (generation === reportList.generation) {
      reportList.loading = false;
      showReports();
    }
  }
}

async function refreshReports() {
  try {
    await loadFirstReportsPage();
  } catch (e) {
    showError(e);
  }
}

// --- file selection -------------------------------------------------------------------------

function looksDisplayable(file) {
  return /^image\/(png|jpeg)$/.test(file.type) || /\.(png|jpe?g)$/i.test(file.name);
}

function selectFile(file) {
  if (!file) return;
  state.file = file;
  if (state.originalUrl) URL.revokeObjectURL(state.originalUrl);
  state.originalUrl = looksDisplayable(file) ? URL.createObjectURL(file) : '';
  $('drop-text').textContent = `${file.name} (${(file.size / 1024).toFixed(0)} KiB) — ready.`;
  $('analyze').disabled = false;
}

function wireDropZone() {
  const zone = $('drop');
  zone.addEventListener('dragover', e => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', e => {
    e.preventDefault();
    zone.classList.remove('over');
    // The picker no longer shows the chosen file: clear it, so that picking its old file again is a change.
    $('file').value = '';
    selectFile(e.dataTransfer?.files?.[0]);
  });
  $('file').addEventListener('change', e => selectFile(e.target.files?.[0]));
}

// --- progress -------------------------------------------------------------------------------

function resetProgress(analysisId = '') {
  $('progress-panel').hidden = false;
  $('analysis-id').textContent = analysisId;
  $('progress-bar').value = 0;
  $('stages').replaceChildren(...STAGES.map(([key, label]) => el('li', { class: 'pending', dataset: { stage: key } },
    el('span', { class: 'stage-name' }, label), el('span', { class: 'stage-message' }, ''))));
}

function showProgress(event) {
  $('analysis-id').textContent = event.analysisId ?? '';
  const progress = event.progress;
  const current = stageName(progress.stage);
  const index = STAGES.findIndex(([key]) => key === current);
  for (const [i, item] of [...$('stages').children].entries()) {
    if (i < index) {
      if (item.className !== 'done') item.className = 'done';
    } else if (i === index) {
      item.className = 'active';
      item.querySelector('.stage-message').textContent =
        progress.message + (progress.provider ? ` [${progress.provider}]` : '');
    }
  }
  $('progress-bar').value = Number(progress.percent ?? 0);
}

function finishProgress(result) {
  for (const item of $('stages').children) item.className = 'done';
  const last = $('stages').lastElementChild.querySelector('.stage-message');
  last.textContent = result.cached ? 'Cached result (identical image and options)' : 'Report ready';
  $('progress-bar').value = 100;
}

// --- report, images, similar ----------------------------------------------------------------

async function showReport(report, { original = '' } = {}) {
  state.currentReportId = report.id;
  state.currentCitations = report.citations ?? [];
  $('report-id').textContent = report.id;
  $('report').replaceChildren(renderReport(report));
  $('report-panel').hidden = false;
  showChat(report.id);
  for (const row of $('reports').querySelectorAll('tr[data-report-id]')) {
    row.classList.toggle('current', row.dataset.reportId === report.id);
  }
  await Promise.all([showImages(report, original), showSimilar(report.id)]);
}

/** Lays out the images of a report at once, then fills in the heatmaps as they download. */
async function showImages(report, original) {
  for (const url of state.heatmapUrls) URL.revokeObjectURL(url);
  state.heatmapUrls = [];
  const downloads = [];
  const cards = (report.images ?? []).map(image => {
    const index = Number(image.index ?? 0);
    const parts = [];
    if (original && index === 0) {
      parts.push(el('figure', {},
        el('img', { id: `original-${index}`, src: original, alt: `original image ${index + 1}` }),
        el('figcaption', {}, `Original: ${image.filename} (${image.width}×${image.height}, ${image.format})`)));
    } else if (index === 0 && image.format === 'dicom' && original === null) {
      parts.push(el('p', { class: 'muted' }, 'The browser cannot display DICOM; the heatmap shows the preprocessed image.'));
    }
    if (image.hasHeatmap) {
      const img = el('img', { id: `heatmap-${index}`, class: 'heatmap', alt: `anomaly heatmap of image ${index + 1}` });
      parts.push(el('figure', {}, img,
        el('figcaption', {}, 'Heatmap over the preprocessed image', el('br'), el('span', { class: 'muted small' }, image.heatmapMethod ?? ''))));
      downloads.push(api.heatmap(report.id, index).then(blob => {
        const url = URL.createObjectURL(blob);
        state.heatmapUrls.push(url);
        img.src = url;
      }, showError));
    } else {
      parts.push(el('p', { class: 'muted' }, 'No heatmap for this image.'));
    }
    const flags = image.qualityFlags?.length ? `Quality: ${image.qualityFlags.join(', ')}` : 'No quality flags';
    return el('div', { class: 'image-card' },
      el('h3', {}, `Image ${index + 1}: ${[image.modality, image.bodyPart].filter(Boolean).join(' ')}`),
      el('div', { class: 'figures' }, parts),
      el('p', { class: 'muted small' }, flags),
      el('details', {}, el('summary', {}, 'Measurements'),
        el('table', { class: 'measurements' }, Object.entries(image.measurements ?? {}).map(([k, v]) =>
          el('tr', {}, el('th', {}, k), el('td', {}, String(v)))))));
  });
  $('images').replaceChildren(...cards);
  $('images').dataset.reportId = report.id;
  $('images-panel').hidden = cards.length === 0;
  await Promise.all(downloads);
}

async function showSimilar(reportId) {
  $('similar-panel').hidden = false;
  $('similar').replaceChildren(el('p', { class: 'muted' }, 'Looking for similar cases…'));
  try {
    const { results = [] } = await api.findSimilar(reportId, 5);
    if (reportId !== state.currentReportId) return; // another report was opened meanwhile
    $('similar').replaceChildren(renderSimilar(results, openReport));
    $('similar').dataset.reportId = reportId;
  } catch (e) {
    $('similar').replaceChildren(el('p', { class: 'muted' }, 'Similar cases unavailable.'));
    showError(e);
  }
}

async function openReport(reportId) {
  clearError();
  try {
    $('progress-panel').hidden = true;
    // The list stays as it is (with the pages loaded so far); showReport marks the open row.
    await showReport(await api.getReport(reportId), { original: '' });
    $('report-panel').scrollIntoView({ behavior: 'smooth' });
  } catch (e) {
    showError(e);
  }
}

/** Empties the report, image and similar-case panels, so nothing of the previous report lingers. */
function clearReport() {
  for (const id of ['report', 'images', 'similar']) {
    $(id).replaceChildren();
    delete $(id).dataset.reportId;
    $(`${id}-panel`).hidden = true;
  }
  $('report-id').textContent = '';
  state.currentReportId = '';
  state.currentCitations = [];
  $('chat-panel').hidden = true;
  $('chat-log').replaceChildren();
  hideChatError();
}

// --- chat about the open report -------------------------------------------------------------

function transcriptOf(reportId) {
  if (!chat.transcripts.has(reportId)) chat.transcripts.set(reportId, []);
  return chat.transcripts.get(reportId);
}

function showChat(reportId) {
  $('chat-panel').hidden = false;
  $('chat-panel').dataset.reportId = reportId;
  hideChatError();
  renderChat(reportId);
}

/** Draws the transcript of a report, if it is the open one; Send is off while its question is on its way. */
function renderChat(reportId) {
  if (reportId !== state.currentReportId) return;
  const waiting = chat.pending.has(reportId);
  const entries = [...transcriptOf(reportId)];
  if (waiting) entries.push({ role: 'pending' });
  const log = $('chat-log');
  log.replaceChildren(...entries.map(entry => renderChatEntry(entry, state.currentCitations)));
  log.scrollTop = log.scrollHeight;
  $('chat-send').disabled = waiting;
  $('chat-send').textContent = waiting ? 'Sending…' : 'Send';
}

function showChatError(error) {
  const box = $('chat-error');
  box.textContent = error instanceof Error ? error.message : String(error);
  box.dataset.status = error instanceof ApiError ? String(error.status) : '';
  box.hidden = false;
}

function hideChatError() {
  $('chat-error').hidden = true;
  $('chat-error').textContent = '';
  delete $('chat-error').dataset.status;
}

/**
 * Sends the question as typed: the server says what it refuses (an empty or too long message, the
 * rate limit with its retry delay). A refused question leaves the transcript and goes back into
 * the input to be corrected or sent again.
 */
async function sendChat(event) {
  event.preventDefault();
  const reportId = state.currentReportId;
  if (!reportId || chat.pending.has(reportId)) return;
  const input = $('chat-input');
  const message = input.value;
  const transcript = transcriptOf(reportId);
  const question = { role: 'user', content: message.trim() };
  transcript.push(question);
  chat.pending.add(reportId);
  input.value = '';
  hideChatError();
  renderChat(reportId);
  try {
    const reply = await api.sendChat(reportId, message);
    transcript.push({
      role: 'assistant',
      id: reply.id,
      content: reply.content ?? '',
      provider: reply.provider ?? '',
      citedPmids: reply.citedPmids ?? [],
      findingIds: reply.findingIds ?? [],
    });
  } catch (e) {
    transcript.splice(transcript.indexOf(question), 1);
    if (reportId === state.currentReportId) {
      if (!input.value) input.value = message;
      showChatError(e);
    } else {
      showError(e);
    }
  } finally {
    chat.pending.delete(reportId);
    renderChat(reportId);
  }
}

// --- analysis -------------------------------------------------------------------------------

async function analyze(event) {
  event.preventDefault();
  if (state.busy || !state.file) return;
  clearError();
  state.busy = true;
  $('analyze').disabled = true;
  $('analyze').textContent = 'Analysing…';
  resetProgress();
  clearReport();
  try {
    const file = state.file;
    const image = { filename: file.name, content: await fileToBase64(file) };
    if ($('modality').value) image.modalityHint = $('modality').value;
    if ($('body-part').value.trim()) image.bodyPartHint = $('body-part').value.trim().toUpperCase();
    const request = { images: [image] };
    if ($('case-id').value.trim()) request.caseId = $('case-id').value.trim();
    if ($('skip-cache').checked) request.options = { skipCache: true };

    let result = null;
    for await (const item of api.analyze(request)) {
      if (item.progress) showProgress(item);
      if (item.result) result = item.result;
    }
    finishProgress(result);
    await showReport(result.report, { original: state.originalUrl || (looksDisplayable(file) ? '' : null) });
    await refreshReports();
  } catch (e) {
    const active = $('stages').querySelector('li.active');
    if (active) active.className = 'failed';
    showError(e);
  } finally {
    state.busy = false;
    $('analyze').disabled = !state.file;
    $('analyze').textContent = 'Analyse';
  }
}

// --- start ----------------------------------------------------------------------------------

async function showHealth() {
  try {
    const health = await api.health();
    const status = String(health.status ?? '').replace(/^SERVING_STATUS_/, '').toLowerCase();
    // Without a token the server says only serving / not serving; the details come once signed in.
    if (!health.details) {
      $('server-status').textContent = `server · ${status}`;
      return;
    }
    const providers = (health.providers ?? []).filter(p => p.configured).map(p => p.name).join(', ');
    $('server-status').textContent = `server ${health.version ?? ''} · ${status} · providers: ${providers || 'none'}`;
  } catch {
    $('server-status').textContent = 'server unreachable';
  }
}

function start() {
  $('signin-form').addEventListener('submit', e => {
    e.preventDefault();
    signIn($('token').value);
  });
  $('signout').addEventListener('click', signOut);
  $('analyze-form').addEventListener('submit', analyze);
  $('refresh-reports').addEventListener('click', () => {
    clearError();
    refreshReports();
  });
  $('reports-more').addEventListener('click', loadMoreReports);
  $('reports').dataset.pageSize = String(reportsPageSize);
  $('chat-form').addEventListener('submit', sendChat);
  wireDropZone();
  showHealth();
  if (api.token) {
    $('token').value = api.token;
    signIn(api.token);
  }
  document.body.dataset.ready = 'true';
}

start();
