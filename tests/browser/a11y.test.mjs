// Accessibility: axe-core finds no serious or critical violation on the empty page, on
// a results page, on a phone, and on the embed docs with the custom element.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { setup, openPage, waitForReport } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WWW = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'www');
// The main sample set: the files at the top of samples/ (sub-folders hold other sets).
const SAMPLES = readdirSync(join(WWW, 'samples'), { withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name).sort().map((name) => ({
  name, mimeType: 'application/octet-stream', buffer: readFileSync(join(WWW, 'samples', name)),
}));

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** Runs axe (page.evaluate bypasses the CSP, which is fine for a test tool). */
async function serious(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const [label, viewport] of [['desktop', undefined], ['phone', { width: 390, height: 844 }]]) {
  test(`axe: the empty page (${label})`, async () => {
    const { page, context } = await openPage(env, 'index.html', { viewport });
    assert.deepEqual(await serious(page), []);
    await context.close();
  });

  test(`axe: a results page (${label})`, async () => {
    const { page, context } = await openPage(env, 'index.html?today=2026-11-30', { viewport });
    await page.locator('input[type=file]').setInputFiles(SAMPLES);
    await waitForReport(page);
    assert.deepEqual(await serious(page), []);
    await context.close();
  });
}

test('axe: the embed docs with a live <qb324-checker>', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL('embed.html', env.url).href);
  await page.waitForSelector('qb324-checker .qb[data-state="ready"]');
  assert.deepEqual(await serious(page), []);
  await context.close();
});

test('keyboard: Tab reaches the file picker, then the samples button; Space opens the chooser', async () => {
  const { page, context } = await openPage(env, 'index.html');
  const active = () => page.evaluate(() => {
    const e = document.activeElement;
    return e.type === 'file' ? 'file' : e.textContent.trim();
  });
  const seen = [];
  for (let i = 0; i < 8 && seen.at(-1) !== 'file'; i += 1) {
    await page.keyboard.press('Tab');
    seen.push(await active());
  }
  assert.equal(seen.at(-1), 'file', `the picker is reachable by Tab: ${seen.join(' | ')}`);
  await page.keyboard.press('Tab');
  assert.equal(await active(), 'Try sample files');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await active(), 'file');
  // Space on the focused picker must open the real chooser. Headless Chromium under
  // load now and then drops the first key's chooser (seen once in five CI runs), so
  // the key is pressed up to three times; it still has to open from the keyboard.
  let chooser = null;
  for (let attempt = 0; attempt < 3 && !chooser; attempt += 1) {
    assert.equal(await active(), 'file');
    [chooser] = await Promise.all([
      page.waitForEvent('filechooser', { timeout: 8000 }).catch(() => null),
      page.keyboard.press('Space'),
    ]);
  }
  assert.ok(chooser, 'Space on the picker opens the file chooser');
  assert.equal(chooser.isMultiple(), true);
  await chooser.setFiles(SAMPLES);
  const report = await waitForReport(page);
  assert.equal(report.files.length, SAMPLES.length);
  await context.close();
});
