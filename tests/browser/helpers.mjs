// Shared by the browser tests: the static server on a random free port and headless
// Debian Chromium driven by playwright-core (no browser download: TOOLCHAIN.md trap 8).
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

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
  const context = await env.browser.newContext({ viewport: viewport ?? { width: 1280, height: 900 } });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  await page.goto(new URL(path, env.url).href);
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
