// The page in headless Chromium: files in through the picker and by drag and drop, the
// SPEC §8 hooks, privacy (requests, CSP, storage), safety (names as text), save/forget,
// progress on a large file, the custom element, and the phone layout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup, openPage, waitForReport, injectInlineScripts, TODAY } from './helpers.mjs';
import { parseHeaders } from '../../scripts/serve.mjs';

const WWW = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'www');
// The main sample set: the files at the top of samples/ (sub-folders hold other sets).
const SAMPLES = readdirSync(join(WWW, 'samples'), { withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name).sort().map((name) => ({
  name,
  mimeType: 'application/octet-stream',
  buffer: readFileSync(join(WWW, 'samples', name)),
}));

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** Every finding, problem and the verdict as the page shows them (the SPEC §8 hooks). */
function hooks(page) {
  return page.evaluate(() => ({
    verdict: document.querySelector('[data-verdict]')?.dataset.verdict,
    findings: [...document.querySelectorAll('[data-code]')].map((e) => [e.dataset.code, e.dataset.severity]),
    problems: [...document.querySelectorAll('[data-problem]')].map((e) => e.dataset.problem),
  }));
}

/** The page shows exactly what the report says (and the report the core made). */
async function assertHooksMatch(page, report) {
  const shown = await hooks(page);
  assert.equal(shown.verdict, report.verdict);
  assert.deepEqual(shown.findings, report.findings.map((f) => [f.code, f.severity]));
  assert.deepEqual(shown.problems, report.problems.map((p) => p.kind));
  assert.equal(report.schema, 'qb324.report/1');
}

test('files chosen through the file picker give a verdict, findings and file list', async () => {
  const { page, context, errors } = await openPage(env, `index.html?today=${TODAY}`);
  // The first input[type=file] is the real picker, and it takes many files at once.
  const input = page.locator('input[type=file]').first();
  assert.equal(await input.getAttribute('multiple'), '');
  await input.setInputFiles(SAMPLES);
  const report = await waitForReport(page);
  await assertHooksMatch(page, report);
  assert.equal(report.files.length, SAMPLES.length);
  const listed = await page.locator('.qb-file-name').allTextContents();
  assert.deepEqual(listed, SAMPLES.map((s) => s.name));
  assert.equal(report.today, TODAY);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the sample files show the triggers they were written to show', async () => {
  const { page, context } = await openPage(env, `index.html?today=${TODAY}`);
  await page.click('text=Try sample files');
  const report = await waitForReport(page);
  await assertHooksMatch(page, report);
  const codes = new Set(report.findings.map((f) => f.code));
  // The chart: `Chase Savings` twice (leaf names), `Bank Charges & Fees` / `and Fees`;
  // `Capital One Spark x7731` / `Capital One Spark 2`. The Amex .qbo is for card …2008
  // while the chart's Amex Gold Card is x1005.
  // The Chase CSV has the same payroll row twice.
  for (const code of ['duplicate_name', 'similar_name', 'account_number_changed', 'duplicate_transactions']) {
    assert.ok(codes.has(code), `sample files should show ${code}; got ${[...codes].join(', ') || 'nothing'}`);
  }
  assert.equal(report.verdict, 'likely');
  const roles = Object.fromEntries(report.files.map((f) => [f.file, f.role]));
  assert.equal(roles['AcmeLandscaping_AccountList.csv'], 'chart');
  assert.equal(roles['amex-business-gold-2026-11.qbo'], 'statement');
  assert.equal(roles['Chase4821_Activity_20261115.CSV'], 'statement');
  // The plan writes the fix steps out in words, once each; each finding points at them.
  assert.equal(await page.locator('.qb-plan .qb-step').count(), report.plan.length);
  assert.match(await page.locator('[data-code]').first().textContent(), /Steps? \d/);
  await context.close();
});

test('files dropped with a real DataTransfer give the same report as the picker', async () => {
  const { page, context } = await openPage(env, `index.html?today=${TODAY}`);
  const payload = SAMPLES.map((s) => ({ name: s.name, bytes: [...s.buffer] }));
  const dataTransfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
    return dt;
  }, payload);
  await page.dispatchEvent('.qb-drop', 'dragenter', { dataTransfer });
  await page.dispatchEvent('.qb-drop', 'dragover', { dataTransfer });
  assert.ok(await page.locator('.qb-drop.qb-over').count(), 'the zone shows it will take the drop');
  await page.dispatchEvent('.qb-drop', 'drop', { dataTransfer });
  const dropped = await waitForReport(page);
  await assertHooksMatch(page, dropped);

  const second = await openPage(env, `index.html?today=${TODAY}`);
  await second.page.locator('input[type=file]').setInputFiles(SAMPLES);
  const picked = await waitForReport(second.page);
  assert.deepEqual(dropped, picked);
  await second.context.close();
  await context.close();
});

test('requests go only to the page’s own origin, and none once a file is chosen', async () => {
  const { page, context, requests } = await openPage(env, `index.html?today=${TODAY}`);
  const origin = new URL(env.url).origin;
  for (const r of requests) assert.equal(new URL(r).origin, origin, `third-party request: ${r}`);
  assert.ok(requests.some((r) => r.endsWith('/pkg/qb324_bg.wasm')), 'the wasm was loaded');
  const before = requests.length;
  await page.locator('input[type=file]').setInputFiles(SAMPLES);
  await waitForReport(page);
  // Saving the report is a Blob URL download: still no network.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Save report')]);
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(saved, await page.evaluate(() => window.qb324.report));
  await page.click('text=Forget everything');
  const after = requests.slice(before).filter((r) => !r.startsWith('blob:'));
  assert.deepEqual(after, [], 'no request after the first file was chosen');
  // No cookies, no storage.
  assert.deepEqual(await context.cookies(), []);
  const storage = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    idb: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
  }));
  assert.deepEqual(storage, { local: 0, session: 0, idb: 0, caches: 0 });
  await context.close();
});

test('the CSP is the same in the meta tag, _headers and the server, and has no wide source', async () => {
  const headerCsp = parseHeaders(readFileSync(join(WWW, '_headers'), 'utf8'))
    .find((r) => r.pattern === '/*').headers['Content-Security-Policy'];
  assert.match(headerCsp, /^default-src 'none';/);
  for (const page of ['index.html', 'embed.html']) {
    const html = readFileSync(join(WWW, page), 'utf8');
    const meta = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
    assert.equal(meta, headerCsp, `${page}'s meta CSP equals _headers`);
    // No third-party resource: every src/href is relative.
    const tags = [...html.matchAll(/<[a-z][^>]*>/gi)].map((m) => m[0]).join('\n');
    for (const [, url] of tags.matchAll(/\s(?:src|href)="([^"]+)"/g)) {
      assert.ok(!/^(https?:)?\/\//.test(url), `${page} loads ${url}`);
    }
  }
  for (const part of headerCsp.split(';')) {
    assert.ok(!/\*|https?:|data:|blob:|'unsafe-inline'|'unsafe-eval'/.test(part), `wide source in ${part}`);
  }
  assert.match(headerCsp, /connect-src 'self'(;|$)/);
  for (const path of ['index.html', 'worker.js', 'pkg/qb324.js', 'pkg/qb324_bg.wasm']) {
    const res = await fetch(new URL(path, env.url));
    assert.equal(res.headers.get('content-security-policy'), headerCsp, `${path} is served with the CSP`);
    if (path.endsWith('.wasm')) assert.equal(res.headers.get('content-type'), 'application/wasm');
  }
});

test('the CSP blocks an injected inline script', async () => {
  const { page, context } = await openPage(env, 'index.html');
  const result = await injectInlineScripts(page, 'missing.png');
  assert.equal(result.inline, false, 'inline script must not run');
  assert.equal(result.handler, false, 'inline handler must not run');
  assert.ok(result.violations.length > 0, 'a CSP violation was reported');
  await context.close();
});

test('names from a file are shown as text, never run as HTML', async () => {
  const payloads = [
    '<img src=x onerror="window.__pwned=1">',
    '<script>window.__pwned=2</script>',
    '"><svg onload="window.__pwned=3">',
  ];
  // A chart whose bank accounts are named with payloads, each twice (so they show as
  // duplicates), and a file whose name is a payload.
  const rows = ['Full name,Type,Detail type,Description,Balance'];
  for (const p of payloads) {
    const q = `"${p.replaceAll('"', '""')}"`;
    rows.push(`${q},Bank,Checking,,100.00`, `${q},Bank,Checking,,200.00`);
  }
  const files = [
    { name: 'chart.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\r\n') + '\r\n') },
    { name: '<img src=y onerror="window.__pwned=4">.csv', mimeType: 'text/csv', buffer: Buffer.from('\x00\x01garbage') },
  ];
  const { page, context } = await openPage(env, 'index.html');
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  await page.locator('input[type=file]').setInputFiles(files);
  const report = await waitForReport(page);
  const state = await page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    injected: document.querySelectorAll('.qb img, .qb script, .qb svg[onload], .qb [onerror]').length,
    text: document.querySelector('.qb-results').textContent,
  }));
  assert.equal(state.pwned, null);
  assert.equal(state.injected, 0);
  assert.equal(dialogs, 0);
  assert.ok(state.text.includes(files[1].name), 'the file name shows literally');
  // Whatever names the report carries show literally, character for character.
  await page.evaluate(() => document.querySelectorAll('.qb details').forEach((d) => { d.open = true; }));
  const names = [...report.findings.flatMap((f) => f.accounts), ...(report.chart?.bank_accounts ?? []).map((a) => a.name)];
  if (report.chart) assert.ok(names.some((n) => n.includes('<script>')), 'the chart was read with its payload names');
  for (const name of names) {
    assert.ok(state.text.includes(name), `shows ${name} literally`);
  }
  await context.close();
});

test('forget everything clears the report, the list and the picker', async () => {
  const { page, context } = await openPage(env, 'index.html');
  await page.locator('input[type=file]').setInputFiles(SAMPLES);
  await waitForReport(page);
  await page.click('text=Forget everything');
  const state = await page.evaluate(() => ({
    verdict: document.querySelectorAll('[data-verdict]').length,
    findings: document.querySelectorAll('[data-code], [data-problem], .qb-file').length,
    report: window.qb324.report,
    files: document.querySelector('input[type=file]').files.length,
    names: document.body.textContent.includes('Chase4821_Activity'),
  }));
  assert.deepEqual(state, { verdict: 0, findings: 0, report: null, files: 0, names: false });
  await context.close();
});

test('a large file shows progress while it is read, and the page stays responsive', async (t) => {
  const { page, context } = await openPage(env, 'index.html');
  const header = 'Date,Description,Amount\n';
  const row = '11/02/2026,CARD PURCHASE SOME STORE 1234 SPRINGFIELD,-12.34\n';
  const big = Buffer.from(header + row.repeat(Math.ceil((12 * 1024 * 1024) / row.length)));
  await page.evaluate(() => {
    window.__progress = [];
    window.__shown = false;
    const bar = document.querySelector('progress');
    new MutationObserver(() => window.__progress.push(bar.value)).observe(bar, { attributes: true });
    const box = document.querySelector('.qb-progress');
    new MutationObserver(() => { if (!box.hidden) window.__shown = true; }).observe(box, { attributes: true });
    // The longest gap between animation frames from the moment the file is handed to
    // the page (the test harness's own copy of the file into the page comes before).
    window.__maxGap = 0;
    document.querySelector('input[type=file]').addEventListener('change', () => {
      let last = performance.now();
      const tick = (t) => {
        window.__maxGap = Math.max(window.__maxGap, t - last);
        last = t;
        if (!document.querySelector('[data-verdict]')) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }, { capture: true });
  });
  await page.locator('input[type=file]').setInputFiles([{ name: 'big.csv', mimeType: 'text/csv', buffer: big }]);
  await waitForReport(page);
  const { progress, maxGap, shown } = await page.evaluate(() => ({
    progress: window.__progress, maxGap: window.__maxGap, shown: window.__shown,
  }));
  t.diagnostic(`progress updates: ${progress.length}, longest frame gap: ${Math.round(maxGap)} ms`);
  assert.ok(shown, 'the progress bar was shown');
  const partial = progress.filter((v) => v > 0 && v < big.length);
  assert.ok(partial.length >= 1, `progress moved before the end: ${progress.join(', ')}`);
  assert.ok(maxGap < 1000, `the page kept drawing (longest frame gap ${Math.round(maxGap)} ms)`);
  await context.close();
});

test('the <qb324-checker> element works inside its shadow root', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(new URL('embed.html', env.url).href);
  await page.waitForSelector('qb324-checker .qb[data-state="ready"]');
  assert.equal(await page.evaluate(() => document.querySelector('qb324-checker').shadowRoot !== null), true);
  await page.locator('qb324-checker input[type=file]').setInputFiles(SAMPLES);
  await page.waitForSelector('qb324-checker [data-verdict]');
  const report = await page.evaluate(() => document.querySelector('qb324-checker').report);
  assert.equal(report.files.length, SAMPLES.length);
  // The host page's CSS does not reach in: no .qb element in the light DOM.
  assert.equal(await page.evaluate(() => document.querySelectorAll('.qb').length), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone the page fits the screen, empty and with results', async () => {
  const { page, context } = await openPage(env, `index.html?today=${TODAY}`, { viewport: { width: 390, height: 844 } });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok((await overflow()) <= 0, 'empty page fits');
  await page.locator('input[type=file]').setInputFiles(SAMPLES);
  await waitForReport(page);
  assert.ok((await overflow()) <= 0, 'results fit');
  await context.close();
});

test('print shows the report without the controls', async () => {
  const { page, context } = await openPage(env, `index.html?today=${TODAY}`);
  await page.locator('input[type=file]').setInputFiles(SAMPLES);
  await waitForReport(page);
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => {
    const visible = (sel) => [...document.querySelectorAll(sel)].some((e) => e.getClientRects().length > 0);
    return {
      verdict: visible('[data-verdict]'), files: visible('.qb-file'),
      drop: visible('.qb-drop'), toolbar: visible('.qb-toolbar'), header: visible('.site-header'),
    };
  });
  assert.deepEqual(shown, { verdict: true, files: true, drop: false, toolbar: false, header: false });
  await context.close();
});

test('theming: --qb-* custom properties reach the page, the iframe URL and the shadow root', async () => {
  const { page, context } = await openPage(env, 'index.html?embed&accent=%23aa0000&radius=3px');
  const style = await page.evaluate(() => {
    const b = getComputedStyle(document.querySelector('.qb-primary'));
    return { bg: b.backgroundColor, radius: getComputedStyle(document.querySelector('.qb-drop')).borderTopLeftRadius,
      header: getComputedStyle(document.querySelector('.site-header')).display };
  });
  assert.deepEqual(style, { bg: 'rgb(170, 0, 0)', radius: '3px', header: 'none' });
  await page.goto(new URL('embed.html', env.url).href);
  await page.waitForSelector('qb324-checker .qb[data-state="ready"]');
  const inShadow = await page.evaluate(() => {
    const host = document.querySelector('qb324-checker');
    host.style.setProperty('--qb-accent', '#0000aa');
    return getComputedStyle(host.shadowRoot.querySelector('.qb-primary')).backgroundColor;
  });
  assert.equal(inShadow, 'rgb(0, 0, 170)');
  await context.close();
});
