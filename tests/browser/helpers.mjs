// Shared by the browser tests: the static server on a random free port and headless
// Debian Chromium driven by playwright-core (no browser download: TOOLCHAIN.md trap 8).
import { chromium } from 'playwright-core';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { startServer } from '../../scripts/serve.mjs';

/** The checkout's root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The date every test takes as today, page and CLI alike. */
export const TODAY = '2026-11-30';
const CLI = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug', 'qb324');

/**
 * The real fixtures, found as tests/common/mod.rs finds them: $QB324_FIXTURES, else
 * shared/fixtures/real beside the checkout or one level up (a worktree). Missing
 * fixtures fail the test: they are the ground truth, never silently skipped.
 */
export function realDir() {
  if (process.env.QB324_FIXTURES) return process.env.QB324_FIXTURES;
  const found = [join(ROOT, '..', 'shared', 'fixtures', 'real'), join(ROOT, '..', '..', 'shared', 'fixtures', 'real')]
    .find((d) => existsSync(join(d, 'EXPECTED.json')));
  assert.ok(found, `real fixtures not found beside ${ROOT} (set QB324_FIXTURES)`);
  return found;
}

/** A file as the page's file input takes it, from a path under the checkout. */
export function fileAt(path) {
  return {
    name: path.split('/').pop(),
    mimeType: 'application/octet-stream',
    buffer: readFileSync(path.startsWith('/') ? path : join(ROOT, path)),
  };
}

/** Builds the debug CLI (cheap when `make test` already did). */
export function buildCli() {
  execFileSync('cargo', ['build', '--quiet', '--bin', 'qb324'], { cwd: ROOT, stdio: 'inherit' });
}

/** `qb324 --json --today TODAY paths…`, parsed: the CLI's report to set beside the page's. */
export function cliReport(paths) {
  const r = spawnSync(CLI, ['--json', '--today', TODAY, ...paths], { encoding: 'utf8' });
  assert.ok([0, 1, 2].includes(r.status), `qb324 exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Starts the server and the browser; `close()` stops both. */
export async function setup() {
  const { server, url } = await startServer({ port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/**
 * Opens the page in a fresh context and waits for the wasm to be ready. Records every
 * request (the worker's too), every console error and page error.
 */
export async function openPage(env, path = 'index.html', { viewport } = {}) {
  return openUrl(env.browser, new URL(path, env.url).href, {
    contextOptions: { viewport: viewport ?? { width: 1280, height: 900 } },
  });
}

/**
 * Opens any URL (the served page, or the offline file over file://) in a fresh context
 * and waits for the wasm to be ready, recording requests and errors as `openPage` does.
 * `init` runs before the page's own script (to take Worker away, for the fallback).
 */
export async function openUrl(browser, url, { contextOptions = {}, init } = {}) {
  const context = await browser.newContext(contextOptions);
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  if (init) await page.addInitScript(init);
  await page.goto(url);
  await page.waitForSelector('.qb[data-state="ready"]');
  return { context, page, requests, errors };
}

/** Waits for a finished report and returns it. */
export async function waitForReport(page) {
  await page.waitForSelector('.qb[data-state="done"] [data-verdict]');
  return page.evaluate(() => window.qb324.report);
}

/**
 * Tries to run an inline <script> and an inline event handler the way an attacker's
 * markup would (page.evaluate itself bypasses the CSP, so only what it inserts tells);
 * returns whether either ran and which CSP directives reported a violation.
 */
export async function injectInlineScripts(page, imgSrc) {
  return page.evaluate(async (src) => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    const s = document.createElement('script');
    s.append(document.createTextNode('window.__inlineRan = true;'));
    document.body.append(s);
    // Trusted Types may refuse the handler attribute outright.
    let refused = false;
    try {
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.__handlerRan = true');
      img.setAttribute('src', src);
      document.body.append(img);
    } catch {
      refused = true;
    }
    await new Promise((r) => setTimeout(r, 300));
    return { inline: window.__inlineRan ?? false, handler: window.__handlerRan ?? false, refused, violations };
  }, imgSrc);
}
