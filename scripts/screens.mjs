// Screenshots of the page (empty and with the sample report), desktop and phone:
//   node scripts/screens.mjs [OUT_DIR]      (default: test-results/screens)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setup, openPage, waitForReport } from '../tests/browser/helpers.mjs';

const out = process.argv[2] ?? 'test-results/screens';
mkdirSync(out, { recursive: true });
const env = await setup();
try {
  for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    const { page, context } = await openPage(env, 'index.html?today=2026-11-30', { viewport });
    await page.screenshot({ path: join(out, `${name}-empty.png`), fullPage: true });
    await page.click('text=Try sample files');
    await waitForReport(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(out, `${name}-results.png`), fullPage: true });
    await context.close();
  }
} finally {
  await env.close();
}
console.log(`screenshots in ${out}`);
