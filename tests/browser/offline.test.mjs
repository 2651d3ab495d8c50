// The single-file copy (www/qb324-offline.html, scripts/standalone.mjs) opened straight
// from disk over file://, as a user opens a saved copy: it checks sample and real files,
// makes no request but itself (and the Blob URL of its own Worker), its CSP blocks an
// injected script, and its report equals the served page's and the CLI's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  setup, openPage, openUrl, waitForReport, injectInlineScripts, ROOT, TODAY, realDir, buildCli, cliReport as cli,
} from './helpers.mjs';
import { SAMPLES as PAGE_SAMPLES } from '../../www/checker.js';

const OFFLINE = join(ROOT, 'www', 'qb324-offline.html');
const SAMPLE_DIR = join(ROOT, 'www', 'samples');
// In the order "Try sample files" hands them to the checker (the report lists files in order).
const SAMPLES = PAGE_SAMPLES;

let env;
before(async () => {
  assert.ok(existsSync(OFFLINE), `${OFFLINE} missing: run make build`);
  buildCli();
  env = await setup();
});
after(async () => { await env?.close(); });

const pageUrl = `${pathToFileURL(OFFLINE).href}?today=${TODAY}`;

/**
 * Opens the offline file over file:// in a fresh context. Records every request the
 * context sees (the page, its worker, anything else) and every error. `init` runs
 * before the page's own script (to take Worker away, for the fallback).
 */
function openOffline({ init, url = pageUrl } = {}) {
  return openUrl(env.browser, url, { contextOptions: { acceptDownloads: true }, init });
}

/** Nothing but the page itself, and Blob URLs the page made in memory (its Worker). */
function assertNoRequests(requests) {
  const others = requests.filter((u) => u !== pageUrl && !u.startsWith('blob:null/'));
  assert.deepEqual(others, [], 'no request but the page itself');
  assert.ok(requests.includes(pageUrl));
}

const asFiles = (paths) => paths.map((p) => ({ name: p.split('/').pop(), mimeType: 'application/octet-stream', buffer: readFileSync(p) }));

async function served(files) {
  const { page, context } = await openPage(env, `index.html?today=${TODAY}`);
  await page.locator('input[type=file]').setInputFiles(files);
  const report = await waitForReport(page);
  await context.close();
  return report;
}

test('the file is self-contained: hash-based CSP, nothing to load', () => {
  const html = readFileSync(OFFLINE, 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  const hash = (t) => `'sha256-${createHash('sha256').update(t, 'utf8').digest('base64')}'`;
  assert.equal(inline.length, 1, 'one executable inline script');
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.deepEqual(directives['script-src'], [...inline.map(hash), "'wasm-unsafe-eval'"]);
  assert.deepEqual(directives['style-src'], styles.map(hash));
  assert.deepEqual(directives['connect-src'], ["'none'"]);
  assert.deepEqual(directives['worker-src'], ['blob:']);
  assert.ok(!/unsafe-inline|unsafe-eval'|https?:|\*/.test(csp.replace("'wasm-unsafe-eval'", '')), csp);
  // No attribute points at another file (data: and #fragments only).
  assert.deepEqual(html.match(/\b(?:src|href)="(?!#|data:)[^"]*"/g), null);
  assert.ok(!/\bimport\.meta\b|^\s*(import|export)\s/m.test(inline[0]), 'a classic script, no module syntax');
});

test('from file://: the sample files give the served page\'s and the CLI\'s report, with no request', async () => {
  const { page, context, requests, errors } = await openOffline();
  await page.click('text=Try sample files');
  const report = await waitForReport(page);
  const dom = await page.evaluate(() => ({
    verdict: document.querySelector('[data-verdict]').dataset.verdict,
    codes: [...document.querySelectorAll('[data-code]')].map((e) => e.dataset.code),
    note: document.getElementById('qb-offline-note').hidden,
  }));
  assert.equal(dom.verdict, report.verdict);
  assert.deepEqual(dom.codes.sort(), report.findings.map((f) => f.code).sort());
  assert.ok(dom.codes.length > 0, 'the samples show findings');
  assert.equal(dom.note, true, 'the check ran in a Worker (no main-thread note)');
  assert.deepEqual(report, cli(SAMPLES.map((n) => join(SAMPLE_DIR, n))));
  assert.deepEqual(report, await served(asFiles(SAMPLES.map((n) => join(SAMPLE_DIR, n)))));
  assertNoRequests(requests);
  assert.ok(requests.some((u) => u.startsWith('blob:null/')), 'the Worker came from a Blob URL');
  assert.deepEqual(errors, []);
  await context.close();
});

test('from file://: real files through the file input, then save, print and forget', async () => {
  const real = ['beangulp/example.qbo', 'beangulp/statement.csv', 'fixofx/creditcard.ofx',
    'ofxtools/stmtrs_euro.ofx', 'hledger/sample.fr.cp1252.csv']
    .map((p) => join(realDir(), p))
    .filter((p) => existsSync(p));
  const paths = [...real, ...SAMPLES.map((n) => join(SAMPLE_DIR, n))];
  const { page, context, requests, errors } = await openOffline();
  await page.locator('input[type=file]').setInputFiles(asFiles(paths));
  const report = await waitForReport(page);
  const expected = cli(paths);
  assert.deepEqual(report, expected);
  assert.deepEqual(report, await served(asFiles(paths)));
  assert.equal(await page.locator('[data-verdict]').getAttribute('data-verdict'), expected.verdict);
  for (const f of expected.findings) assert.ok(await page.locator(`[data-code="${f.code}"]`).count() > 0, f.code);

  // Save: a Blob URL download of the same report.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Save report')]);
  assert.deepEqual(JSON.parse(readFileSync(await download.path(), 'utf8')), report);
  // Print: the browser's print is called (stubbed: headless has no dialog).
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await page.click('text=Print');
  assert.equal(await page.evaluate(() => window.__printed), 1);
  // Forget everything.
  await page.click('text=Forget everything');
  assert.deepEqual(await page.evaluate(() => ({
    verdict: document.querySelectorAll('[data-verdict]').length,
    report: window.qb324.report,
    files: document.querySelector('input[type=file]').files.length,
  })), { verdict: 0, report: null, files: 0 });
  assertNoRequests(requests);
  assert.deepEqual(errors, []);
  await context.close();
});

test('from file://: the CSP blocks an injected inline script', async () => {
  const { page, context } = await openOffline();
  const result = await injectInlineScripts(page, 'data:,x');
  assert.equal(result.inline, false, 'inline script must not run');
  assert.equal(result.handler, false, 'inline handler must not run');
  // Trusted Types refuses the script's text before script-src is even asked.
  assert.ok(result.violations.length > 0, 'a CSP violation was reported');
  await context.close();
});

test('from file://: a script injected into the saved file itself does not run (hash CSP)', async () => {
  // A tampered copy: markup with an inline script and an inline handler added to the file.
  const dir = mkdtempSync(join(tmpdir(), 'qb324-offline-'));
  const file = join(dir, 'qb324-offline.html');
  const injected = '<script>window.__inlineRan = true;</script><img src="data:," onerror="window.__handlerRan = true">';
  writeFileSync(file, readFileSync(OFFLINE, 'utf8').replace('<main id="main"', () => `${injected}\n<main id="main"`));
  const { page, context, errors } = await openOffline({
    url: pathToFileURL(file).href,
    init: () => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.effectiveDirective));
    },
  });
  await page.waitForTimeout(300);
  const result = await page.evaluate(() => ({
    inline: window.__inlineRan ?? false, handler: window.__handlerRan ?? false, violations: window.__violations,
  }));
  assert.equal(result.inline, false, 'inline script must not run');
  assert.equal(result.handler, false, 'inline handler must not run');
  assert.ok(result.violations.includes('script-src-elem'), `a script-src-elem violation: ${result.violations}`);
  assert.ok(result.violations.includes('script-src-attr'), `a script-src-attr violation: ${result.violations}`);
  // The page's own script, allowed by its hash, still runs.
  assert.equal(await page.locator('.qb').count(), 1);
  assert.ok(errors.every((e) => /Content Security Policy/.test(e)), errors.join('\n'));
  await context.close();
});

test('from file://: without Worker the check runs on the page, says so, and gives the same report', async () => {
  const { page, context, requests, errors } = await openOffline({
    init: () => { window.Worker = function Worker() { throw new DOMException('refused for the test', 'SecurityError'); }; },
  });
  assert.equal(await page.locator('#qb-offline-note').isVisible(), true, 'the main-thread note shows');
  await page.click('text=Try sample files');
  const report = await waitForReport(page);
  assert.deepEqual(report, cli(SAMPLES.map((n) => join(SAMPLE_DIR, n))));
  assertNoRequests(requests);
  assert.ok(!requests.some((u) => u.startsWith('blob:')), 'no Worker was started');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the served page links to the copy as a download, and the host serves it as one', async () => {
  const { page, context } = await openPage(env, 'index.html');
  const link = page.locator('a[download][href="qb324-offline.html"]');
  assert.equal(await link.textContent(), 'Use it offline: download a copy');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), 'qb324-offline.html');
  assert.ok(readFileSync(await download.path()).equals(readFileSync(OFFLINE)), 'the download is the built file');
  const res = await fetch(new URL('qb324-offline.html', env.url));
  assert.match(res.headers.get('content-disposition') ?? '', /^attachment/);
  await context.close();
});

test('from file://: a Worker that fails after it is made also falls back to the page', async () => {
  // As when a browser accepts `new Worker(blob:)` but then refuses to run it.
  const { page, context, errors } = await openOffline({
    init: () => {
      window.Worker = class {
        constructor() { setTimeout(() => this.onerror?.(new Event('error')), 50); }
        postMessage() {}
        terminate() {}
      };
    },
  });
  assert.equal(await page.locator('#qb-offline-note').isVisible(), true, 'the main-thread note shows');
  await page.locator('input[type=file]').setInputFiles(asFiles(SAMPLES.map((n) => join(SAMPLE_DIR, n))));
  assert.deepEqual(await waitForReport(page), cli(SAMPLES.map((n) => join(SAMPLE_DIR, n))));
  assert.deepEqual(errors, []);
  await context.close();
});
