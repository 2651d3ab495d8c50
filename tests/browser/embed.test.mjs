// Embedding (issue 8): the documented iframe snippet grows the frame to the checker's
// content on desktop and phone widths, taking height messages only from its own frame;
// <qb324-checker> inside a hostile host page (`* { font: 30px serif; color: red }`) has
// the same element sizes as alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setup, TODAY } from './helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';

const WWW = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'www');
// The help center: a second server on another port (another origin), on loopback like
// the checker's (Chromium's local network access checks block a public page from
// framing a loopback one).
const hostDir = mkdtempSync(join(tmpdir(), 'qb324-host-'));
writeFileSync(join(hostDir, '_headers'), '');
let hostServer;
let hostUrl;

let env;
before(async () => {
  env = await setup();
  ({ server: hostServer, url: hostUrl } = await startServer({ root: hostDir, port: 0 }));
});
after(async () => {
  await env?.close();
  await new Promise((r) => hostServer?.close(r));
});

/** A <pre id=…> snippet of embed.html as the text a reader copies. */
export function snippet(id) {
  const html = readFileSync(join(WWW, 'embed.html'), 'utf8');
  const code = html.match(new RegExp(`<pre id="${id}"[^>]*><code>([\\s\\S]*?)</code></pre>`))[1];
  return code.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

/** A help-center article on another origin with the documented iframe snippet pasted in. */
async function hostWithFrame(viewport) {
  const context = await env.browser.newContext({ viewport });
  const frameSrc = new URL(`index.html?embed&today=${TODAY}`, env.url).href;
  const pasted = snippet('snippet-iframe').replace('https://checker.example.com/index.html?embed', frameSrc);
  assert.ok(pasted.includes(frameSrc), 'the snippet has the address to replace');
  const html = `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Help: Error 324</title><style>body { font: 18px Georgia, serif; margin: 0 auto; max-width: 46rem; padding: 1rem; }</style></head>
<body><h1>Fixing QuickBooks Error 324</h1><p>Use the checker below.</p>${pasted}<p id="after">More help below the checker.</p></body></html>`;
  const name = `article-${viewport.width}.html`;
  writeFileSync(join(hostDir, name), html);
  const HOST = new URL(name, hostUrl).href;
  assert.notEqual(new URL(HOST).origin, new URL(env.url).origin);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(HOST);
  const frame = await (await page.waitForSelector('#qb324-frame')).contentFrame();
  await frame.waitForSelector('.qb[data-state="ready"]');
  return { context, page, frame, errors };
}

/** Waits until the frame is as tall as its content, and returns both and the inner overflow. */
async function settled(page, frame) {
  await page.waitForFunction(async () => true);
  let last;
  for (let i = 0; i < 50; i += 1) {
    const inner = await frame.evaluate(() => ({
      body: Math.ceil(document.body.getBoundingClientRect().height),
      overflow: document.documentElement.scrollHeight - window.innerHeight,
    }));
    const outer = await page.evaluate(() => document.getElementById('qb324-frame').getBoundingClientRect().height);
    last = { ...inner, outer };
    if (Math.abs(outer - inner.body) <= 1 && inner.overflow <= 1) return last;
    await page.waitForTimeout(100);
  }
  return last;
}

for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  test(`the iframe grows to its content, with no inner scrollbar (${name})`, async () => {
    const { context, page, frame, errors } = await hostWithFrame(viewport);
    const empty = await settled(page, frame);
    assert.ok(Math.abs(empty.outer - empty.body) <= 1, `empty: frame ${empty.outer}px, content ${empty.body}px`);
    assert.ok(empty.overflow <= 1, `empty: no inner scroll (${empty.overflow}px)`);
    await frame.click('text=Try sample files');
    await frame.waitForSelector('.qb[data-state="done"] [data-verdict]');
    const full = await settled(page, frame);
    assert.ok(full.outer > empty.outer + 400, `the frame grew with the report (${empty.outer} → ${full.outer})`);
    assert.ok(Math.abs(full.outer - full.body) <= 1, `report: frame ${full.outer}px, content ${full.body}px`);
    assert.ok(full.overflow <= 1, `report: no inner scroll (${full.overflow}px)`);
    // It shrinks again when the report goes.
    await frame.click('text=Forget everything');
    const after = await settled(page, frame);
    assert.ok(after.outer < full.outer - 400, `the frame shrank (${full.outer} → ${after.outer})`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the parent snippet ignores height messages from any other window', async () => {
  const { context, page, frame } = await hostWithFrame({ width: 1280, height: 900 });
  await settled(page, frame);
  const before = await page.evaluate(() => document.getElementById('qb324-frame').style.height);
  // The host page itself (another window than the frame) and a second, foreign frame.
  await page.evaluate(() => window.postMessage({ type: 'qb324:height', height: 5 }, '*'));
  await page.evaluate(() => {
    const other = document.createElement('iframe');
    other.srcdoc = '<script>parent.postMessage({ type: "qb324:height", height: 7 }, "*")</script>';
    document.body.append(other);
  });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.getElementById('qb324-frame').style.height), before);
  await context.close();
});

/** Sizes of the element's parts, in a host page with or without hostile CSS. */
async function elementSizes(hostileCss) {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 900 } });
  const path = hostileCss ? 'host-hostile.html' : 'host-alone.html';
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>host</title>
${hostileCss ? `<style>${hostileCss}</style>` : ''}
<script type="module" src="qb324-checker.js"></script></head>
<body><qb324-checker today="${TODAY}"></qb324-checker></body></html>`;
  await context.route(new URL(path, env.url).href, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  const page = await context.newPage();
  await page.goto(new URL(path, env.url).href);
  await page.waitForSelector('qb324-checker .qb[data-state="ready"]');
  const measure = () => page.evaluate(() => {
    const root = document.querySelector('qb324-checker').shadowRoot;
    const out = {};
    for (const sel of ['.qb-drop', '.qb-drop-title', '.qb-drop-help', '.qb-need', 'label.qb-primary', '.qb-privacy',
      '[data-verdict] h2', '.qb-plan', '.qb-step-title', '.qb-finding-title', '.qb-file']) {
      const el = root.querySelector(sel);
      if (!el) continue;
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      out[sel] = { w: Math.round(r.width), h: Math.round(r.height), font: cs.fontSize, family: cs.fontFamily.split(',')[0], color: cs.color };
    }
    return out;
  });
  const empty = await measure();
  await page.locator('qb324-checker').evaluate((el) => el.shadowRoot.querySelector('.qb-actions button').click());
  await page.waitForSelector('qb324-checker .qb[data-state="done"] [data-verdict]');
  const done = await measure();
  await context.close();
  return { empty, done };
}

test('<qb324-checker> in a host with `* { font: 30px serif; color: red }` looks as it does alone', async () => {
  const alone = await elementSizes(null);
  const hostile = await elementSizes('* { font: 30px serif; color: red } html { font-size: 30px; line-height: 3 } body { letter-spacing: 2px; text-transform: uppercase }');
  assert.ok(Object.keys(alone.done).length >= 8, `measured ${Object.keys(alone.done).join(', ')}`);
  assert.deepEqual(hostile.empty, alone.empty);
  assert.deepEqual(hostile.done, alone.done);
  assert.equal(alone.empty['.qb-drop-title'].family.includes('serif') && !alone.empty['.qb-drop-title'].family.includes('sans'), false);
  assert.notEqual(hostile.done['[data-verdict] h2'].color, 'rgb(255, 0, 0)');
});
