// Screenshots of the page, desktop and phone: empty, a likely case, a could-not-check
// case, the printed plan, the iframe in a help-center page and the element in a hostile
// host page.
//   node scripts/screens.mjs [OUT_DIR]      (default: test-results/screens)
import { mkdirSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { setup, openPage, waitForReport } from '../tests/browser/helpers.mjs';
import { startServer } from './serve.mjs';

const out = process.argv[2] ?? 'test-results/screens';
mkdirSync(out, { recursive: true });
const env = await setup();
const hostDir = mkdtempSync(join(tmpdir(), 'qb324-screens-'));
writeFileSync(join(hostDir, '_headers'), '');
const host = await startServer({ root: hostDir, port: 0 });
const TODAY = '2026-11-30';
const snippet = (id) => readFileSync(new URL('../www/embed.html', import.meta.url), 'utf8')
  .match(new RegExp(`<pre id="${id}"[^>]*><code>([\\s\\S]*?)</code></pre>`))[1]
  .replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&');
const shot = (page, name) => page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
try {
  for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    {
      const { page, context } = await openPage(env, `index.html?today=${TODAY}`, { viewport });
      await page.screenshot({ path: join(out, `${name}-empty-fold.png`) });
      await shot(page, `${name}-empty`);
      await page.click('text=Try sample files');
      await waitForReport(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, `${name}-likely`);
      await page.emulateMedia({ media: 'print' });
      await shot(page, `${name}-print`);
      await context.close();
    }
    {
      const { page, context } = await openPage(env, `index.html?today=${TODAY}`, { viewport });
      await page.locator('input[type=file]').first().setInputFiles([
        { name: 'statement.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n') },
      ]);
      await waitForReport(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, `${name}-unchecked`);
      await page.locator('input[type=file]').first().setInputFiles([
        { name: 'Chase4821_Activity_20261115.CSV', mimeType: 'text/csv', buffer: readFileSync(new URL('../www/samples/Chase4821_Activity_20261115.CSV', import.meta.url)) },
      ]);
      await page.waitForFunction(() => window.qb324.report?.statements.length);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, `${name}-incomplete`);
      await context.close();
    }
    {
      const context = await env.browser.newContext({ viewport });
      const src = new URL(`index.html?embed&today=${TODAY}`, env.url).href;
      writeFileSync(join(hostDir, `iframe-${name}.html`), `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Help article</title>
<style>* { font: 30px serif; color: red } body { max-width: 46rem; margin: 0 auto; padding: 1rem; background: #fdf6e3 }</style></head>
<body><h1>Help: Error 324</h1><p>Our article, with hostile CSS.</p>${snippet('snippet-iframe').replace('https://checker.example.com/index.html?embed', src)}<p>After the frame.</p></body></html>`);
      const page = await context.newPage();
      await page.goto(new URL(`iframe-${name}.html`, host.url).href);
      const frame = await (await page.waitForSelector('#qb324-frame')).contentFrame();
      await frame.waitForSelector('.qb[data-state="ready"]');
      await frame.click('text=Try sample files');
      await frame.waitForSelector('.qb[data-state="done"]');
      await page.waitForTimeout(800);
      await shot(page, `${name}-iframe-hostile`);
      await context.close();
    }
    {
      const context = await env.browser.newContext({ viewport });
      const path = `element-${name}.html`;
      await context.route(new URL(path, env.url).href, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>host</title>
<style>* { font: 30px serif; color: red } body { background: #fdf6e3 }</style><script type="module" src="qb324-checker.js"></script></head>
<body><h1>Hostile host</h1><qb324-checker today="${TODAY}"></qb324-checker></body></html>` }));
      const page = await context.newPage();
      await page.goto(new URL(path, env.url).href);
      await page.waitForSelector('qb324-checker .qb[data-state="ready"]');
      await page.locator('qb324-checker').evaluate((el) => el.shadowRoot.querySelector('.qb-actions button').click());
      await page.waitForSelector('qb324-checker .qb[data-state="done"]');
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, `${name}-element-hostile`);
      await context.close();
    }
  }
} finally {
  await env.close();
  await new Promise((r) => host.server.close(r));
}
console.log(`screenshots in ${out}`);
