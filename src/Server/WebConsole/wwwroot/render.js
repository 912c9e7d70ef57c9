// DOM building. Everything the server sends is set as text, never parsed as HTML.

/** Creates an element: el('p', {class: 'x'}, 'text', childNode, ...). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export const STAGES = [
  ['validate', 'Validate'],
  ['decode', 'Decode'],
  ['deidentify', 'De-identify'],
  ['preprocess', 'Preprocess'],
  ['quantitative', 'Measure + heatmap'],
  ['vision', 'Vision providers'],
  ['literature', 'Literature'],
  ['report', 'Write report'],
  ['embed', 'Embed'],
  ['store', 'Store'],
  ['complete', 'Complete'],
];

/** "ANALYSIS_STAGE_QUANTITATIVE" -> "quantitative". */
export function stageName(stage) {
  return String(stage ?? '').replace(/^ANALYSIS_STAGE_/, '').toLowerCase();
}

/** "SEVERITY_MODERATE" -> "moderate". */
export function severityName(severity) {
  return String(severity ?? '').replace(/^SEVERITY_/, '').toLowerCase() || 'unspecified';
}

export function formatDate(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

function list(items, className) {
  return items?.length ? el('ul', { class: className }, items.map(item => el('li', {}, item))) : el('p', { class: 'muted' }, 'None.');
}

function severityBadge(severity) {
  const name = severityName(severity);
  return el('span', { class: `badge sev-${name}` }, name);
}

/** The report as sections: summary line, findings, impression, recommendations, limitations, disclaimer, provenance. */
export function renderReport(report) {
  const provenance = report.provenance ?? {};
  const findings = report.findings ?? [];
  return el('article', { class: 'report', dataset: { reportId: report.id } },
    el('p', { class: 'summary' },
      severityBadge(report.overallSeverity), ' ',
      el('strong', {}, [report.modality, report.bodyPart].filter(Boolean).join(' ') || 'Study'),
      ` · ${formatDate(report.createdAt)}`,
      report.caseId ? ` · case ${report.caseId}` : ''),
    el('h3', {}, 'Findings'),
    findings.length
      ? el('table', { class: 'findings' },
        el('thead', {}, el('tr', {}, ['Id', 'Where', 'Finding', 'Severity', 'Confidence', 'Image', 'Source'].map(h => el('th', {}, h)))),
        el('tbody', {}, findings.map(f => el('tr', {},
          el('td', {}, f.id), el('td', {}, f.anatomy), el('td', {}, f.description),
          el('td', {}, severityBadge(f.severity)),
          el('td', {}, (Number(f.confidence ?? 0) * 100).toFixed(0) + '%'),
          el('td', {}, String(Number(f.imageIndex ?? 0) + 1)), el('td', {}, f.source)))))
      : el('p', { class: 'muted' }, 'No findings.'),
    el('h3', {}, 'Impression'),
    el('p', { id: 'impression', class: 'impression' }, report.impression),
    el('h3', {}, 'Recommendations'),
    list(report.recommendations, 'recommendations'),
    el('h3', {}, 'Limitations'),
    list(report.limitations, 'limitations'),
    report.citations?.length
      ? [el('h3', {}, 'Literature'), el('ul', {}, report.citations.map(c => el('li', {},
        c.url ? el('a', { href: c.url, rel: 'noopener noreferrer', target: '_blank' }, c.title) : c.title,
        ` — ${c.journal ?? ''} ${c.year ?? ''} (PMID ${c.pmid})`)))]
      : null,
    el('p', { id: 'disclaimer', class: 'disclaimer' }, report.disclaimer),
    el('p', { id: 'provider', class: 'provenance muted small' },
      `Provider: ${provenance.provider ?? '?'} (${provenance.model ?? '?'})`,
      provenance.degraded ? ' · degraded: no AI provider answered' : '',
      provenance.literatureStatus ? ` · literature: ${provenance.literatureStatus}` : '',
      provenance.pipelineVersion ? ` · pipeline ${provenance.pipelineVersion}` : ''),
    report.reportText
      ? el('details', {}, el('summary', {}, 'Full report text'), el('pre', { class: 'report-text' }, report.reportText))
      : null);
}

/** A table of report summaries; a click on a row calls onOpen(id). */
export function renderReportList(reports, onOpen, currentId) {
  if (!reports.length) return el('p', { class: 'muted' }, 'No reports yet.');
  return el('table', { class: 'report-list' },
    el('thead', {}, el('tr', {}, ['Report', 'Created', 'Study', 'Severity', 'Findings', 'Impression'].map(h => el('th', {}, h)))),
    el('tbody', {}, reports.map(r => el('tr', { class: r.id === currentId ? 'current' : null, dataset: { reportId: r.id } },
      el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => onOpen(r.id) }, r.id)),
      el('td', {}, formatDate(r.createdAt)),
      el('td', {}, [r.modality, r.bodyPart].filter(Boolean).join(' ')),
      el('td', {}, severityBadge(r.overallSeverity)),
      el('td', {}, String(r.findingCount ?? 0)),
      el('td', { class: 'clip' }, r.impression)))));
}

/** Similar cases with their scores; a click calls onOpen(id). */
export function renderSimilar(results, onOpen) {
  if (!results.length) {
    return el('p', { class: 'muted', id: 'similar-empty' }, 'No similar cases among your other reports yet.');
  }
  return el('ol', { class: 'similar-list' }, results.map(s => el('li', { dataset: { reportId: s.reportId } },
    el('span', { class: 'score' }, Number(s.score ?? 0).toFixed(3)), ' ',
    el('button', { type: 'button', class: 'link', onclick: () => onOpen(s.reportId) }, s.reportId), ' ',
    el('span', { class: 'muted' }, [s.modality, s.bodyPart].filter(Boolean).join(' ')), ' — ',
    s.impression,
    s.sharedAnatomy?.length ? el('span', { class: 'muted small' }, ` (shared: ${s.sharedAnatomy.join(', ')})`) : null)));
}

/**
 * One transcript entry: the user's question, the assistant's reply (with the findings and
 * literature it relied on) or a placeholder while the reply is on its way. citations are the open
 * report's, to name the PMIDs a reply cites.
 */
export function renderChatEntry(entry, citations = []) {
  if (entry.role === 'pending') {
    return el('li', { class: 'chat-pending', dataset: { role: 'pending' } }, 'Waiting for the answer…');
  }
  if (entry.role === 'user') {
    return el('li', { class: 'chat-user', dataset: { role: 'user' } },
      el('span', { class: 'chat-who' }, 'You'),
      el('p', { class: 'chat-text' }, entry.content));
  }
  const findings = entry.findingIds ?? [];
  const pmids = entry.citedPmids ?? [];
  const byPmid = new Map(citations.map(c => [c.pmid, c]));
  return el('li', { class: 'chat-assistant', dataset: { role: 'assistant', messageId: entry.id ?? '' } },
    el('span', { class: 'chat-who' }, `Assistant${entry.provider ? ` (${entry.provider})` : ''}`),
    el('p', { class: 'chat-text' }, entry.content),
    findings.length || pmids.length
      ? el('p', { class: 'chat-refs' },
        findings.length ? el('span', { class: 'chat-findings' }, `Findings: ${findings.join(', ')}`) : null,
        findings.length && pmids.length ? ' · ' : null,
        pmids.length ? el('span', { class: 'chat-citations' }, 'Literature: ', pmids.map((pmid, i) => {
          const citation = byPmid.get(pmid);
          const label = citation?.title ? `PMID ${pmid} (${citation.title})` : `PMID ${pmid}`;
          return [i ? ', ' : null, citation?.url ? el('a', { href: citation.url, rel: 'noopener noreferrer', target: '_blank' }, label) : label];
        })) : null)
      : null);
}
