// End-to-end test of the browser console (/console/) in headless Chromium: Debian's chromium driven by
// playwright-core (no browser download), against a live server started by scripts/test-console.sh.
//   CONSOLE_URL     the server's HTTP (REST) base URL, e.g. http://127.0.0.1:18200
//   CONSOLE_TOKEN   a valid bearer token for that server
//   CONSOLE_GRPC_URL  optional: the gRPC (h2c) port, where the console must not be served
//   CHROMIUM_PATH   the browser (default /usr/bin/chromium)
//   SAMPLE_IMAGE    the image to analyse (default samples/chest-phantom.png)
//   ARTIFACTS_DIR   where the screenshot goes (default tests/console/artifacts)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:http2';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { dicomFromPng } from './dicom.js';

const here = dirname(fileURLToPath(import.meta.url));
const baseUrl = (process.env.CONSOLE_URL ?? '').replace(/\/$/, '');
const token = process.env.CONSOLE_TOKEN ?? '';
const grpcUrl = process.env.CONSOLE_GRPC_URL ?? '';
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const sampleImage = resolve(process.env.SAMPLE_IMAGE ?? join(here, '../../samples/chest-phantom.png'));
const artifacts = resolve(process.env.ARTIFACTS_DIR ?? join(here, 'artifacts'));
const WAIT = { timeout: 30_000 };

if (!baseUrl || !token) {
  throw new Error('Set CONSOLE_URL and CONSOLE_TOKEN (scripts/test-console.sh does).');
}

describe('browser console', () => {
  let browser;
  let page;
  const pageErrors = [];
  let firstReportId = '';
  let secondReportId = '';

  before(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    // Script errors and CSP violations surface here; the 401, 400 and (chat) 429 answers of the error steps are expected.
    page.on('pageerror', e => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', m => {
      if (m.type() === 'error' && !/status of (40[01]|429)/.test(m.text())) pageErrors.push(`console: ${m.text()}`);
    });
  });

  after(async () => {
    await browser?.close();
  });

  test('the server serves the console at /console/ with a self-only CSP, and / redirects there', async () => {
    const root = await fetch(`${baseUrl}/`, { redirect: 'manual' });
    await root.arrayBuffer();
    assert.equal(root.status, 302);
    assert.equal(new URL(root.headers.get('location'), baseUrl).pathname, '/console/');

    const html = await fetch(`${baseUrl}/console/`);
    assert.equal(html.status, 200);
    assert.match(html.headers.get('content-type'), /^text\/html/);
    const csp = html.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
    assert.equal(html.headers.get('x-content-type-options'), 'nosniff');
    assert.match(await html.text(), /<script type="module" src="app.js">/);

    const script = await fetch(`${baseUrl}/console/app.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type'), /javascript/);
    // Read every body: an unread one holds its connection open, and node with it, long after the tests.
    assert.match(await script.text(), /^import /m);
    const again = await fetch(`${baseUrl}/console/app.js`, { headers: { 'if-none-match': script.headers.get('etag') } });
    await again.arrayBuffer();
    assert.equal(again.status, 304);

    const missing = await fetch(`${baseUrl}/console/no-such-file.js`);
    await missing.arrayBuffer();
    assert.equal(missing.status, 404);
    // The API itself still wants the token.
    const anonymous = await fetch(`${baseUrl}/api/v1/medical-imaging/reports`);
    await anonymous.arrayBuffer();
    assert.equal(anonymous.status, 401);
  });

  test('the gRPC port does not serve the console', { skip: !grpcUrl && 'CONSOLE_GRPC_URL not set' }, async () => {
    for (const path of ['/console/', '/']) {
      assert.equal(await h2cStatus(grpcUrl, path), 404, `${path} on the gRPC port`);
    }
  });

  test('a bad token shows the rejection message', async () => {
    await page.goto(`${baseUrl}/`);
    assert.equal(new URL(page.url()).pathname, '/console/');
    await page.waitForSelector('body[data-ready="true"]', WAIT);
    await page.fill('#token', 'not.a-valid.token');
    await page.click('#signin');
    const error = page.locator('#error');
    await error.waitFor({ state: 'visible', ...WAIT });
    assert.match(await error.textContent(), /Token rejected/);
    assert.equal(await error.getAttribute('data-status'), '401');
    assert.match(await page.textContent('#signin-status'), /Token rejected/);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('medimg.console.token')), null);
  });

  test('sign in, upload the sample, watch per-stage progress, read the report and its heatmap', async () => {
    await page.fill('#token', token);
    await page.click('#signin');
    await page.waitForFunction(() => /^Signed in/.test(document.getElementById('signin-status').textContent), null, WAIT);
    assert.ok(await page.locator('#error').isHidden(), 'the error banner is cleared after a good sign-in');
    assert.match(await page.textContent('#signin-status'), /Signed in as console-user/);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('medimg.console.token')), token);

    await page.setInputFiles('#file', sampleImage);
    await page.selectOption('#modality', 'CR');
    await page.fill('#body-part', 'chest');
    assert.ok(await page.isEnabled('#analyze'));

    // Record every state each stage goes through, to check the list moved live stage by stage.
    await page.evaluate(() => {
      window.stageLog = [];
      new MutationObserver(records => {
        for (const r of records) {
          if (r.target instanceof HTMLLIElement && r.target.dataset.stage) window.stageLog.push(`${r.target.dataset.stage}:${r.target.className}`);
        }
      }).observe(document.getElementById('stages'), { subtree: true, attributes: true, attributeFilter: ['class'] });
    });
    await page.click('#analyze');
    await page.locator('#report-panel').waitFor({ state: 'visible', ...WAIT });

    const stages = await page.$$eval('#stages li', items => items.map(li => [li.dataset.stage, li.className, li.querySelector('.stage-message').textContent]));
    assert.equal(stages.length, 11);
    assert.ok(stages.every(([, state]) => state === 'done'), `all stages done: ${JSON.stringify(stages)}`);
    assert.equal(await page.$eval('#progress-bar', p => p.value), 100);
    assert.match(await page.textContent('#analysis-id'), /^ana_/);
    const activeStages = new Set((await page.evaluate(() => window.stageLog)).filter(s => s.endsWith(':active')).map(s => s.split(':')[0]));
    for (const stage of ['validate', 'decode', 'preprocess', 'quantitative', 'vision', 'report', 'store']) {
      assert.ok(activeStages.has(stage), `stage ${stage} was shown in progress (saw ${[...activeStages]})`);
    }
    const decode = stages.find(([name]) => name === 'decode');
    assert.match(decode[2], /Decoded png 512×512/);

    firstReportId = (await page.textContent('#report-id')).trim();
    assert.match(firstReportId, /^rpt_/);
    await reportShown(page, firstReportId);
    assert.ok((await page.textContent('#impression')).trim().length > 10);
    assert.match(await page.textContent('#disclaimer'), /NOT FOR DIAGNOSTIC USE/);
    assert.match(await page.textContent('#provider'), /Provider: local/);
    assert.ok(await page.locator('table.findings tbody tr').count() >= 1);
    assert.match(await page.textContent('#report .summary'), /CR CHEST/);
    assert.ok(await page.locator('ul.recommendations li').count() >= 1);

    const heatmap = page.locator('#heatmap-0');
    await page.waitForFunction(() => {
      const img = document.getElementById('heatmap-0');
      return img?.complete && img.naturalWidth > 0;
    }, null, WAIT);
    assert.match(await heatmap.getAttribute('src'), /^blob:/);
    const [heatWidth, heatHeight] = await heatmap.evaluate(img => [img.naturalWidth, img.naturalHeight]);
    assert.ok(heatWidth >= 256 && heatHeight >= 256, `heatmap ${heatWidth}×${heatHeight}`);
    await page.waitForFunction(() => document.getElementById('original-0')?.naturalWidth > 0, null, WAIT);
    assert.equal(await page.$eval('#original-0', img => img.naturalWidth), 512);

    await page.locator(`#reports tr[data-report-id="${firstReportId}"]`).waitFor(WAIT);
    assert.ok(await page.locator('#similar-panel').isVisible());
    // The only report so far: nothing similar yet, and the section says so.
    assert.match(await page.textContent('#similar'), /No similar cases/);
  });

  test('a dropped file that is no image shows the server\'s 400 message', async () => {
    const transfer = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['hello, not an image'], 'notes.png', { type: 'image/png' }));
      return data;
    });
    await page.dispatchEvent('#drop', 'drop', { dataTransfer: transfer });
    assert.match(await page.textContent('#drop-text'), /notes\.png/);
    await page.click('#analyze');
    const error = page.locator('#error');
    await error.waitFor({ state: 'visible', ...WAIT });
    assert.equal(await error.getAttribute('data-status'), '400');
    assert.match(await error.textContent(), /images\[0\] \(notes\.png\) is not a supported image/);
    assert.ok(await page.locator('#report-panel').isHidden());
  });

  test('a second analysis (skip cache) finds the first as a similar case', async () => {
    await page.setInputFiles('#file', sampleImage);
    await page.check('#skip-cache');
    await page.click('#analyze');
    await page.waitForFunction(first => {
      const id = document.getElementById('report-id').textContent.trim();
      return id && id !== first && !document.getElementById('report-panel').hidden;
    }, firstReportId, WAIT);
    secondReportId = (await page.textContent('#report-id')).trim();
    assert.match(secondReportId, /^rpt_/);
    await reportShown(page, secondReportId);

    const similar = page.locator(`#similar li[data-report-id="${firstReportId}"]`);
    await similar.waitFor(WAIT);
    const score = Number(await similar.locator('.score').textContent());
    assert.ok(score > 0.5 && score <= 1, `similarity ${score}`);

    await page.locator(`#reports tr[data-report-id="${secondReportId}"]`).waitFor(WAIT);
    assert.equal(await page.locator('#reports tbody tr').count(), 2);
    await page.locator(`#reports tr.current[data-report-id="${secondReportId}"]`).waitFor(WAIT);
  });

  test('the screenshot shows the page with a coloured heatmap over the image', async () => {
    mkdirSync(artifacts, { recursive: true });
    const file = join(artifacts, 'console.png');
    await page.locator('#heatmap-0').scrollIntoViewIfNeeded();
    const buffer = await page.screenshot({ path: file, fullPage: true });
    assert.ok(statSync(file).size > 30_000, `screenshot ${statSync(file).size} bytes`);

    const png = PNG.sync.read(buffer);
    assert.ok(png.width === 1280 && png.height > 900, `screenshot ${png.width}×${png.height}`);

    // The heatmap's place on the (full-page) screenshot: page coordinates.
    const box = await page.$eval('#heatmap-0', img => {
      const r = img.getBoundingClientRect();
      return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };
    });
    assert.ok(box.width > 200 && box.height > 200, `heatmap box ${JSON.stringify(box)}`);
    const stats = regionStats(png, box);
    writeFileSync(join(artifacts, 'heatmap-region.json'), JSON.stringify({ box, ...stats }, null, 2));
    assert.ok(stats.distinctColours > 200, `distinct colours in the heatmap region: ${stats.distinctColours}`);
    assert.ok(stats.luminanceStdDev > 20, `the heatmap region is not flat (σ ${stats.luminanceStdDev.toFixed(1)})`);
    // JET colours: red at the hottest spot, blue at the low end of the scale (and in the colour bar).
    assert.ok(stats.red > 50, `red (hot) pixels: ${stats.red}`);
    assert.ok(stats.blue > 50, `blue (cool) pixels: ${stats.blue}`);
    // The grey image under the colours is there too.
    assert.ok(stats.grey > box.width * box.height * 0.2, `grey (image) pixels: ${stats.grey}`);

    // The original beside it is grey: the colours are the heatmap's.
    const originalBox = await page.$eval('#original-0', img => {
      const r = img.getBoundingClientRect();
      return { x: r.left + window.scrollX + 2, y: r.top + window.scrollY + 2, width: r.width - 4, height: r.height - 4 };
    });
    const original = regionStats(png, originalBox);
    assert.ok(original.grey > originalBox.width * originalBox.height * 0.9 && original.red === 0,
      `original region: ${JSON.stringify(original)}`);

    // The report is on the screenshot as well: the page is not blank outside the heatmap.
    const top = regionStats(png, { x: 0, y: 0, width: png.width, height: 400 });
    assert.ok(top.distinctColours > 20, `page header/sign-in region colours: ${top.distinctColours}`);
  });

  test('a DICOM file is analysed with its own modality and body part; the heatmap stands in for the preview', async () => {
    await page.setInputFiles('#file', { name: 'phantom.dcm', mimeType: 'application/dicom', buffer: dicomFromPng(readFileSync(sampleImage)) });
    await page.selectOption('#modality', '');
    await page.fill('#body-part', '');
    await page.uncheck('#skip-cache');
    await page.click('#analyze');
    await page.waitForFunction(known => {
      const id = document.getElementById('report-id').textContent.trim();
      return id && !known.includes(id) && !document.getElementById('report-panel').hidden;
    }, [firstReportId, secondReportId], WAIT);
    await reportShown(page, (await page.textContent('#report-id')).trim());
    const decode = await page.textContent('#stages li[data-stage="decode"] .stage-message');
    assert.match(decode, /dicom 512×512 CR/i);
    assert.match(await page.textContent('#report .summary'), /CR CHEST/);
    assert.equal(await page.locator('#original-0').count(), 0);
    assert.match(await page.textContent('#images'), /cannot display DICOM/);
    // The patient name in the file never reaches the report.
    assert.doesNotMatch(await page.textContent('#report'), /Console\^Test/);
  });

  test('past reports open from the list, with their heatmap and similar cases', async () => {
    await page.click(`#reports tr[data-report-id="${firstReportId}"] button`);
    await reportShown(page, firstReportId);
    assert.ok(await page.locator('#progress-panel').isHidden(), 'no progress for a stored report');
    assert.equal(await page.locator('#original-0').count(), 0, 'no original for a stored report');
    assert.equal(await page.locator(`#similar li[data-report-id="${secondReportId}"]`).count(), 1);
    await page.locator(`#reports tr.current[data-report-id="${firstReportId}"]`).waitFor(WAIT);
    assert.equal(await page.locator('#reports tr.current').count(), 1);
    assert.match(await page.textContent('#disclaimer'), /NOT FOR DIAGNOSTIC USE/);

    // Reloading the tab keeps the session (sessionStorage) and lists the reports again.
    await page.reload();
    await page.locator(`#reports tr[data-report-id="${secondReportId}"]`).waitFor(WAIT);
    assert.match(await page.textContent('#signin-status'), /Signed in as console-user/);

    // Signing out forgets the token.
    await page.click('#signout');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('medimg.console.token')), null);
    assert.match(await page.textContent('#reports'), /Sign in to see your reports/);
  });

  test('past reports come a page at a time: "Load more" appends every report the API lists, in order, once', async () => {
    // Two more reports, made through the REST API as another client would: 5 in all, pages of 2.
    for (const caseId of ['paging-1', 'paging-2']) {
      assert.match(await analyzeThroughApi(caseId), /^rpt_/);
    }
    const listed = await api('GET', '/reports?pageSize=100');
    assert.equal(listed.nextPageToken ?? '', '', 'all reports on one API page of 100');
    const expected = listed.reports.map(r => r.id);
    const pageSize = 2;
    assert.ok(expected.length > 2 * pageSize, `${expected.length} reports make more than two pages of ${pageSize}`);

    await page.goto(`${baseUrl}/console/?pageSize=${pageSize}`);
    await page.waitForSelector('body[data-ready="true"]', WAIT);
    assert.equal(await page.getAttribute('#reports', 'data-page-size'), String(pageSize));
    await page.fill('#token', token);
    await page.click('#signin');
    await page.waitForFunction(n => document.querySelectorAll('#reports tbody tr').length === n, pageSize, WAIT);
    assert.deepEqual(await listedIds(page), expected.slice(0, pageSize), 'the first page is the newest reports');
    const more = page.locator('#reports-more');
    assert.ok(await more.isVisible(), '"Load more" while the server has another page');

    let clicks = 0;
    while (await more.isVisible()) {
      assert.ok(++clicks <= Math.ceil(expected.length / pageSize), `"Load more" still shown after ${clicks - 1} pages`);
      const shown = (await listedIds(page)).length;
      await more.click();
      await page.waitForFunction(n => document.querySelectorAll('#reports tbody tr').length > n
        && !document.getElementById('reports-more').disabled, shown, WAIT);
      assert.deepEqual(await listedIds(page), expected.slice(0, Math.min(expected.length, shown + pageSize)), `after ${clicks} click(s)`);
    }
    const ids = await listedIds(page);
    assert.deepEqual(ids, expected, 'the whole list, in the API\'s order');
    assert.equal(new Set(ids).size, ids.length, 'no report twice');
    assert.equal(clicks, Math.ceil(expected.length / pageSize) - 1);
    assert.ok(await more.isHidden(), 'no "Load more" after the last page');
    assert.match(await page.textContent('#reports-count'), new RegExp(`^${expected.length} shown, all$`));

    // Opening a report from the last page keeps the pages loaded so far.
    const oldest = expected.at(-1);
    await page.click(`#reports tr[data-report-id="${oldest}"] button`);
    await reportShown(page, oldest);
    assert.deepEqual(await listedIds(page), expected);
    assert.deepEqual(await page.$$eval('#reports tr.current', rows => rows.map(r => r.dataset.reportId)), [oldest]);

    // Refresh starts again from the first page.
    await page.click('#refresh-reports');
    await page.waitForFunction(n => document.querySelectorAll('#reports tbody tr').length === n, pageSize, WAIT);
    assert.deepEqual(await listedIds(page), expected.slice(0, pageSize));
    assert.ok(await more.isVisible());
  });

  test('chat about the open report: the question and the API\'s answer in the transcript; refusals keep it', async () => {
    const reportId = (await listedIds(page))[0];
    const otherId = (await listedIds(page))[1];
    await page.click(`#reports tr[data-report-id="${reportId}"] button`);
    await reportShown(page, reportId);
    assert.ok(await page.locator('#chat-panel').isVisible());
    assert.equal(await page.getAttribute('#chat-panel', 'data-report-id'), reportId);
    assert.equal(await page.locator('#chat-log li').count(), 0);

    // Markup in a question is text, never HTML.
    const question = 'Is finding f1 <b>urgent</b>? <img src=x>';
    // Hold the request back a little, to see the page while it waits (it still goes to the server).
    await page.route('**/api/v1/medical-imaging/chat/**', async route => {
      await new Promise(resolveDelay => setTimeout(resolveDelay, 400));
      await route.continue();
    });
    await page.fill('#chat-input', question);
    await page.click('#chat-send');
    assert.ok(await page.isDisabled('#chat-send'), 'Send is disabled while the answer is on its way');
    assert.equal(await page.locator('#chat-log li[data-role="pending"]').count(), 1);
    await page.locator('#chat-log li[data-role="assistant"]').waitFor(WAIT);
    await page.unroute('**/api/v1/medical-imaging/chat/**');
    assert.ok(await page.isEnabled('#chat-send'));
    assert.equal(await page.inputValue('#chat-input'), '');

    const transcript = await chatTranscript(page);
    assert.equal(transcript.length, 2, JSON.stringify(transcript));
    assert.deepEqual(transcript[0], { role: 'user', text: question });
    assert.equal(transcript[1].role, 'assistant');
    assert.ok(transcript[1].text.length > 20, `answer: ${transcript[1].text}`);
    assert.equal(await page.locator('#chat-log b, #chat-log img').count(), 0);

    // The same question through the REST API: the local provider answers from the report, the same words.
    const { reply } = await api('POST', `/chat/${reportId}`, { message: question });
    assert.equal(reply.provider, 'local');
    assert.equal(transcript[1].text, reply.content);
    assert.match(await page.textContent('#chat-log li[data-role="assistant"] .chat-who'), /Assistant \(local\)/);
    assert.ok(reply.findingIds.length >= 1);
    assert.equal(await page.textContent('#chat-log li[data-role="assistant"] .chat-findings'), `Findings: ${reply.findingIds.join(', ')}`);

    // Refused messages: the server's message is shown, the transcript stays, the text goes back into the input.
    const refusals = [
      ['   ', '400', /The chat message is empty/],
      ['x'.repeat(4001), '400', /4001 characters; at most 4000/],
    ];
    for (const [message, status, pattern] of refusals) {
      await page.fill('#chat-input', message);
      await page.click('#chat-send');
      await page.locator('#chat-error').waitFor({ state: 'visible', ...WAIT });
      assert.equal(await page.getAttribute('#chat-error', 'data-status'), status);
      assert.match(await page.textContent('#chat-error'), pattern);
      assert.deepEqual(await chatTranscript(page), transcript);
      assert.equal(await page.inputValue('#chat-input'), message);
      assert.ok(await page.isEnabled('#chat-send'));
    }

    // The rate limit (the server's own answer, replayed: spending the real budget would starve the other tests).
    await page.route('**/api/v1/medical-imaging/chat/**', route => route.fulfill({
      status: 429,
      contentType: 'application/json',
      body: JSON.stringify({
        code: 8,
        message: 'Rate limit exceeded for SendChatMessage: at most RATE_LIMIT_REQUESTS_PER_MINUTE costly calls a minute per user. Retry in 10 s.',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '10s' }],
      }),
    }));
    await page.fill('#chat-input', 'And now?');
    await page.click('#chat-send');
    await page.waitForFunction(() => document.getElementById('chat-error').dataset.status === '429', null, WAIT);
    assert.match(await page.textContent('#chat-error'), /^Rate limited: .*Retry in 10 s\.$/);
    assert.deepEqual(await chatTranscript(page), transcript);
    assert.equal(await page.inputValue('#chat-input'), 'And now?');
    await page.unroute('**/api/v1/medical-imaging/chat/**');
    mkdirSync(artifacts, { recursive: true });
    await page.locator('#chat-panel').screenshot({ path: join(artifacts, 'chat.png') });

    // Each report has its own transcript; going back to this one shows it again.
    await page.click(`#reports tr[data-report-id="${otherId}"] button`);
    await reportShown(page, otherId);
    assert.equal(await page.locator('#chat-log li').count(), 0);
    assert.ok(await page.locator('#chat-error').isHidden());
    await page.click(`#reports tr[data-report-id="${reportId}"] button`);
    await reportShown(page, reportId);
    assert.deepEqual(await chatTranscript(page), transcript);
  });

  test('no script errors or CSP violations in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});

/** The REST API with the test's token; the parsed JSON answer. */
async function api(method, path, body) {
  const response = await fetch(`${baseUrl}/api/v1/medical-imaging${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  assert.equal(response.status, 200, `${method} ${path}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** A new analysis of the sample through the REST API (NDJSON stream); the new report's id. */
async function analyzeThroughApi(caseId) {
  const response = await fetch(`${baseUrl}/api/v1/medical-imaging/analyze`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      images: [{ filename: 'phantom.png', content: readFileSync(sampleImage).toString('base64'), modalityHint: 'CR', bodyPartHint: 'CHEST' }],
      caseId,
      options: { skipCache: true },
    }),
  });
  const events = (await response.text()).split('\n').filter(line => line.trim()).map(line => JSON.parse(line));
  const result = events.find(e => e.result)?.result;
  assert.ok(result, `analysis ${caseId}: ${JSON.stringify(events.at(-1))}`);
  return result.report.id;
}

/** The report ids of the past-reports list, top to bottom. */
function listedIds(page) {
  return page.$$eval('#reports tbody tr', rows => rows.map(r => r.dataset.reportId));
}

/** The chat transcript as shown: [{role, text}], the text of each message as a person reads it. */
function chatTranscript(page) {
  return page.$$eval('#chat-log li', items => items.map(li => ({ role: li.dataset.role, text: li.querySelector('.chat-text')?.textContent ?? '' })));
}

/** Waits until the page shows one report whole: report, its images with a loaded heatmap, its similar cases. */
function reportShown(page, reportId) {
  return page.waitForFunction(id => {
    const byId = name => document.getElementById(name);
    return byId('report-id').textContent.trim() === id && !byId('report-panel').hidden
      && byId('images').dataset.reportId === id && byId('heatmap-0')?.naturalWidth > 0
      && byId('similar').dataset.reportId === id;
  }, reportId, WAIT);
}

/** The HTTP status of a GET over cleartext HTTP/2 (prior knowledge), as gRPC clients connect. */
function h2cStatus(url, path) {
  return new Promise((resolvePromise, reject) => {
    const session = connect(url);
    session.on('error', reject);
    const request = session.request({ ':method': 'GET', ':path': path });
    request.setTimeout(WAIT.timeout, () => reject(new Error(`no answer from ${url}${path}`)));
    request.on('response', headers => {
      resolvePromise(headers[':status']);
      request.close();
      session.close();
    });
    request.on('error', reject);
    request.end();
  });
}

/** Colour statistics of a rectangle of an RGBA screenshot. */
function regionStats(png, box) {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(png.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(png.height, Math.ceil(box.y + box.height));
  const colours = new Set();
  let red = 0;
  let blue = 0;
  let grey = 0;
  let sum = 0;
  let sumSquares = 0;
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * png.width + x) * 4;
      const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
      colours.add((r << 16) | (g << 8) | b);
      if (r > 150 && g < 110 && b < 110) red++;
      if (b > 150 && r < 90) blue++;
      if (Math.abs(r - g) < 8 && Math.abs(g - b) < 8 && r > 20) grey++;
      const luminance = 0.299 * r + 0.587 * g + 0.114 * b;
      sum += luminance;
      sumSquares += luminance * luminance;
      n++;
    }
  }
  const mean = n ? sum / n : 0;
  return { distinctColours: colours.size, red, blue, grey, luminanceStdDev: n ? Math.sqrt(sumSquares / n - mean * mean) : 0 };
}
