// QuickBooks Self-Employed / Solopreneur users on the page: the help has their tab,
// reachable by keyboard, and their sample set gives a plan in their menu words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, waitForReport } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('the Self-Employed samples give a plan in Self-Employed words, with no request', async () => {
  const { page, context, requests, errors } = await openPage(env, 'index.html?today=2026-11-30');
  const before = requests.length;
  await page.click('text=Try Self-Employed samples');
  const report = await waitForReport(page);
  assert.equal(report.edition, 'self_employed');
  assert.equal(report.chart.format, 'self-employed');
  assert.ok(report.findings.some((f) => f.code === 'account_number_changed'), JSON.stringify(report.findings.map((f) => f.code)));
  const plan = await page.locator('.qb-plan').innerText();
  assert.match(plan, /Authenticate account/);
  assert.doesNotMatch(plan, /Chart of accounts/);
  // The two sample fetches, from this origin, and nothing else.
  const after = requests.slice(before);
  assert.ok(after.every((u) => new URL(u).origin === new URL(env.url).origin && u.includes('/samples/self-employed/')), after.join('\n'));
  const listed = await page.locator('.qb-file-name').allTextContents();
  assert.deepEqual(listed, ['QuickBooks_Self-Employed_Transactions.csv', 'amex-2026-11.qbo']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the which-files help has a Self-Employed tab, reachable with the arrow keys', async () => {
  const { page, context } = await openPage(env, 'index.html');
  await page.locator('[role=tab]').first().focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const selected = await page.locator('[role=tab][aria-selected=true]').innerText();
  assert.match(selected, /Self-Employed/);
  const panel = page.locator('[role=tabpanel]:not([hidden])');
  assert.match(await panel.innerText(), /Transactions → .*Export/);
  assert.equal(await page.locator('[role=tabpanel]:not([hidden])').count(), 1);
  await context.close();
});
