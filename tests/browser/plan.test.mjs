// The page as a bookkeeper uses it (issue 8): files added one at a time make one set,
// a file can be removed, a long check can be cancelled, green only for a complete
// clear, the plan in the chart's edition, print and the accountant's summary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, openPage, waitForReport, ROOT, TODAY, realDir } from './helpers.mjs';
import { SAMPLES as SAMPLE_NAMES } from '../../www/checker.js';

const file = (path, name = path.split('/').pop()) => ({ name, mimeType: 'application/octet-stream', buffer: readFileSync(path) });
const SAMPLES = SAMPLE_NAMES.map((n) => file(join(ROOT, 'www', 'samples', n)));

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** Adds files through the picker (each call is one more pick) and waits for the new report. */
async function pick(page, files) {
  const before = await page.evaluate(() => window.qb324.report);
  await page.locator('input[type=file]').first().setInputFiles(files);
  await page.waitForFunction((old) => {
    const r = window.qb324.report;
    return r && r !== old && document.querySelector('.qb[data-state="done"] [data-verdict]');
  }, before);
  return page.evaluate(() => window.qb324.report);
}

/** What the verdict box looks like: its state, and whether anything in it is green. */
function verdictLook(page) {
  return page.evaluate(() => {
    const v = document.querySelector('[data-verdict]');
    const green = (c) => {
      const m = c.match(/\d+/g)?.map(Number);
      return m && m[1] > m[0] + 40 && m[1] > m[2] + 20;
    };
    const colours = [getComputedStyle(v).borderLeftColor, getComputedStyle(v.querySelector('.qb-verdict-icon')).color];
    return { verdict: v.dataset.verdict, state: v.dataset.state, complete: v.dataset.complete, green: colours.some(green), text: v.textContent };
  });
}

test('three separate picks give the same report as one pick of all three', async () => {
  const one = await openPage(env, `index.html?today=${TODAY}`);
  const all = await pick(one.page, SAMPLES);
  const three = await openPage(env, `index.html?today=${TODAY}`);
  let r;
  for (const f of SAMPLES) r = await pick(three.page, [f]);
  assert.deepEqual(r, all);
  const names = await three.page.locator('.qb-file-name').allTextContents();
  assert.deepEqual(names, SAMPLES.map((s) => s.name));
  // Each file says what it was read as.
  const what = await three.page.locator('.qb-file-what').allTextContents();
  assert.match(what[0], /chart of accounts/);
  assert.match(what[1], /credit card ending 2008/);
  assert.equal(r.verdict, 'likely');
  assert.ok(r.findings.some((f) => f.code === 'account_number_changed'), 'the chart and a statement together still find the new card');
  // The same through drops: a second drop adds to the first.
  const drop = await openPage(env, `index.html?today=${TODAY}`);
  for (const f of SAMPLES) {
    const dt = await drop.page.evaluateHandle(({ name, bytes }) => {
      const d = new DataTransfer();
      d.items.add(new File([new Uint8Array(bytes)], name));
      return d;
    }, { name: f.name, bytes: [...f.buffer] });
    const old = await drop.page.evaluate(() => window.qb324.report);
    await drop.page.dispatchEvent('.qb-drop', 'drop', { dataTransfer: dt });
    await drop.page.waitForFunction((o) => window.qb324.report && window.qb324.report !== o && document.querySelector('.qb[data-state="done"]'), old);
  }
  assert.deepEqual(await drop.page.evaluate(() => window.qb324.report), all);
  for (const p of [one, three, drop]) {
    assert.deepEqual(p.errors, []);
    await p.context.close();
  }
});

test('removing a file checks the rest again', async () => {
  const { page, context } = await openPage(env, `index.html?today=${TODAY}`);
  await pick(page, SAMPLES);
  const old = await page.evaluate(() => window.qb324.report);
  await page.click('button[aria-label="Remove amex-business-gold-2026-11.qbo"]');
  await page.waitForFunction((o) => window.qb324.report && window.qb324.report !== o, old);
  const r = await page.evaluate(() => window.qb324.report);
  assert.deepEqual(r.files.map((f) => f.file), ['AcmeLandscaping_AccountList.csv', 'Chase4821_Activity_20261115.CSV']);
  assert.ok(!r.findings.some((f) => f.code === 'account_number_changed'));
  assert.deepEqual(await page.locator('.qb-file-name').allTextContents(), r.files.map((f) => f.file));
  // Remove everything one by one: back to an empty page, no report.
  for (const name of ['AcmeLandscaping_AccountList.csv', 'Chase4821_Activity_20261115.CSV']) {
    await page.click(`button[aria-label="Remove ${name}"]`);
  }
  await page.waitForFunction(() => !document.querySelector('.qb-file') && !window.qb324.report);
  assert.equal(await page.locator('[data-verdict]').count(), 0);
  await context.close();
});

test('a long check can be cancelled, and the page goes on working', async () => {
  const { page, context, errors } = await openPage(env, `index.html?today=${TODAY}`);
  // A 60 MB bank CSV, made inside the page (sending it from here would take longer than
  // the check) and dropped like a file from the desktop.
  const dataTransfer = await page.evaluateHandle(() => {
    const row = '11/02/2026,CARD PURCHASE SOME STORE 1234 SPRINGFIELD,-12.34\n';
    const big = 'Date,Description,Amount\n' + row.repeat(Math.ceil((60 * 1024 * 1024) / row.length));
    const dt = new DataTransfer();
    dt.items.add(new File([big], 'big.csv', { type: 'text/csv' }));
    return dt;
  });
  await page.dispatchEvent('.qb-drop', 'drop', { dataTransfer });
  await page.waitForSelector('.qb-progress:not([hidden]) .qb-cancel');
  await page.click('.qb-cancel');
  await page.waitForSelector('.qb[data-state="cancelled"]');
  assert.equal(await page.evaluate(() => window.qb324.report), null);
  assert.match(await page.locator('.qb-status').textContent(), /cancelled/i);
  // Remove the big file, add the samples: a new worker checks them.
  await page.click('button[aria-label="Remove big.csv"]');
  const r = await pick(page, SAMPLES);
  assert.equal(r.verdict, 'likely');
  assert.equal(r.files.length, 3);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a crashed check is replaced by a new worker and said in plain words', async () => {
  const { page, context } = await openPage(env, `index.html?today=${TODAY}`);
  // A worker that dies: make the next Worker's script fail to run a check (simulated by
  // sending the page the message a trapped worker sends).
  await pick(page, SAMPLES.slice(0, 1));
  await page.evaluate(() => {
    // The worker answers a check with the error a wasm trap gives.
    const Orig = window.Worker;
    window.__workers = 0;
    window.Worker = class extends Orig { constructor(...a) { super(...a); window.__workers += 1; } };
  });
  const worker = page.workers()[0];
  assert.ok(worker, 'a worker runs');
  // Make the worker's wasm trap on the next check: replace its onmessage.
  await worker.evaluate(() => {
    self.onmessage = ({ data }) => postMessage({ type: 'error', id: data.id, message: 'RuntimeError: unreachable', fatal: true });
  });
  await page.locator('input[type=file]').first().setInputFiles(SAMPLES.slice(1, 2));
  await page.waitForFunction(() => /checker has restarted/.test(document.querySelector('.qb-status').textContent));
  assert.equal(await page.evaluate(() => window.__workers), 1, 'a new worker was started');
  // The page keeps working: the next pick is checked by the new worker.
  const r = await pick(page, SAMPLES.slice(2));
  assert.equal(r.files.length, 3);
  await context.close();
});

test('nothing green unless a chart and a statement were checked and are clear', async () => {
  const pdf = { name: 'statement.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n') };
  const junk = [...Array(7)].map((_, i) => ({ name: `junk${i}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`\x00\x01\x02 garbage ${i}\xff`, 'latin1') }));
  const headerOnly = { name: 'activity.csv', mimeType: 'text/csv', buffer: Buffer.from('Date,Description,Amount\n') };
  const chart = file(join(ROOT, 'tests', 'fixtures', 'charts', 'qbo_account_list.csv'));
  const statement = file(join(ROOT, 'tests', 'fixtures', 'ofx', 'bank_and_card.qbo'));
  const cases = [
    ['a PDF alone', [pdf], 'unchecked'],
    ['seven unreadable files and a header-only CSV', [...junk, headerOnly], null],
    ['only a chart', [chart], 'incomplete'],
    ['only statements', [statement], null],
  ];
  for (const [what, files, state] of cases) {
    const { page, context } = await openPage(env, `index.html?today=${TODAY}`);
    const r = await pick(page, files);
    const look = await verdictLook(page);
    assert.equal(look.green, false, `${what}: no green (${look.state})`);
    assert.notEqual(look.state, 'clear', `${what}: not shown as clear`);
    assert.equal(r.complete, false, what);
    if (state) assert.equal(look.state, state, what);
    assert.doesNotMatch(look.text, /None of the known causes|no known cause/i, what);
    if (r.verdict === 'clear') assert.match(look.text, /Add your (chart|bank)/, `${what}: says what is missing`);
    // The "What we checked" list says what could not be checked.
    const notChecked = await page.locator('[data-status="not_checked"]').count();
    assert.ok(notChecked > 0, `${what}: lists checks that could not run`);
    await context.close();
  }
  // And green for a complete clear: a chart and its statement, nothing wrong.
  const { page, context } = await openPage(env, `index.html?today=${TODAY}`);
  const dir = join(ROOT, 'tests', 'fixtures', 'rules', 'inactive_account');
  const r = await pick(page, [file(join(dir, 'quiet', 'Account_List.csv')), file(join(dir, 'Chase4321_Activity_20261102.qbo'))]);
  assert.deepEqual([r.verdict, r.complete], ['clear', true]);
  const look = await verdictLook(page);
  assert.equal(look.state, 'clear');
  assert.equal(look.green, true);
  // The plan still lists the two steps no file can rule out, and the page shows them.
  assert.deepEqual(r.plan.map((s) => s.id), ['refresh', 'clear_browser']);
  assert.deepEqual(await page.locator('.qb-step').evaluateAll((l) => l.map((e) => e.dataset.stepId)), ['refresh', 'clear_browser']);
  await context.close();
});

/** The plan as the page shows it: [id, title, text]. */
function shownPlan(page) {
  return page.evaluate(() => [...document.querySelectorAll('.qb-step')].map((li) => [
    li.dataset.stepId, li.querySelector('.qb-step-title').textContent, li.querySelector('.qb-step-body').textContent,
    li.querySelector('input[type=checkbox]') !== null,
  ]));
}

test('the plan for an Online chart: ordered, once each, Online menu words', async () => {
  const { page, context } = await openPage(env, `index.html?today=${TODAY}`);
  const r = await pick(page, SAMPLES);
  assert.equal(r.edition, 'online');
  const plan = await shownPlan(page);
  assert.deepEqual(plan.map((p) => p[0]), ['rename', 'ask_bank', 'refresh', 'reconnect', 'clear_browser']);
  assert.deepEqual(plan.map((p) => p[0]), r.plan.map((s) => s.id));
  assert.ok(plan.every((p) => p[3]), 'every step has a checkbox');
  const text = plan.map((p) => p[2]).join('\n');
  assert.match(text, /Fix now/);
  assert.match(text, /Bank transactions/);
  assert.doesNotMatch(text, /Bank Feeds Center|Deactivate All Online Services|Banking → Update/);
  assert.match(text, /card ending 2008/);
  assert.match(plan[0][2], /Rename “Capital One Spark 2”/);
  // Numbered 1…n in order, each id once.
  assert.deepEqual(await page.locator('.qb-step-n').allTextContents(), plan.map((_, i) => `${i + 1}.`));
  assert.equal(new Set(plan.map((p) => p[0])).size, plan.length);
  // No finding card repeats step lists; each points at the plan.
  assert.equal(await page.locator('.qb-finding .qb-steps').count(), 0);
  await context.close();
});

test('the plan for a Desktop chart: Desktop menu words, no browser step', async () => {
  const { page, context } = await openPage(env, `index.html?today=${TODAY}`);
  const files = [file(join(ROOT, 'tests', 'fixtures', 'charts', 'desktop_accounts.iif')), file(join(ROOT, 'tests', 'fixtures', 'ofx', 'bank_and_card.qbo'))];
  const r = await pick(page, files);
  assert.equal(r.edition, 'desktop');
  const plan = await shownPlan(page);
  assert.deepEqual(plan.map((p) => p[0]), r.plan.map((s) => s.id));
  assert.ok(!plan.some((p) => p[0] === 'clear_browser'), 'Desktop is not a browser product');
  const text = plan.map((p) => p[2]).join('\n');
  assert.match(text, /Bank Feeds Center/);
  assert.match(text, /Deactivate All Online Services/);
  assert.doesNotMatch(text, /Fix now|Settings ⚙|Bank transactions/);
  assert.match(await page.locator('.qb-plan-for').textContent(), /QuickBooks Desktop/);
  // A real Desktop Account Listing, where the shared fixtures are.
  const listing = join(ROOT, 'tests', 'fixtures', 'charts', 'desktop_account_listing.csv');
  const second = await openPage(env, `index.html?today=${TODAY}`);
  const r2 = await pick(second.page, [file(listing)]);
  assert.equal(r2.edition, 'desktop');
  await second.context.close();
  await context.close();
});

test('print shows the heading, the verdict, the plan with checkboxes and every account, no transactions', async () => {
  const { page, context } = await openPage(env, `index.html?today=${TODAY}`);
  const r = await pick(page, SAMPLES);
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => {
    const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const all = (sel) => [...document.querySelectorAll(sel)];
    return {
      head: visible(document.querySelector('.qb-print-head')) ? document.querySelector('.qb-print-head').textContent : null,
      verdict: visible(document.querySelector('[data-verdict]')),
      steps: all('.qb-step').filter(visible).length,
      boxes: all('.qb-step input[type=checkbox]').filter(visible).length,
      accounts: all('.qb-accounts-list li').filter(visible).map((li) => li.querySelector('.qb-account-name').textContent),
      evidence: all('.qb-evidence').some(visible),
      drop: visible(document.querySelector('.qb-drop')),
      toolbar: visible(document.querySelector('.qb-toolbar')),
      remove: all('.qb-remove').some(visible),
    };
  });
  // The heading names the company the chart's title rows give.
  assert.match(shown.head, /Acme Landscaping LLC/);
  assert.match(shown.head, new RegExp(TODAY));
  assert.equal(shown.verdict, true);
  assert.equal(shown.steps, r.plan.length);
  assert.equal(shown.boxes, r.plan.length);
  assert.deepEqual(shown.accounts, r.chart.bank_accounts.map((a) => a.name));
  assert.deepEqual([shown.evidence, shown.drop, shown.toolbar, shown.remove], [false, false, false, false]);
  await context.close();
});

test('the summary for an accountant is plain text: the plan, no transactions, numbers masked', async () => {
  const { page, context } = await openPage(env, `index.html?today=${TODAY}`);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.url });
  const r = await pick(page, SAMPLES);
  await page.click('text=Copy summary for my accountant');
  await page.waitForFunction(() => /Copied|copy it/.test(document.querySelector('.qb-copy-note')?.textContent ?? ''));
  const text = await page.evaluate(async () => {
    try { return await navigator.clipboard.readText(); } catch { return document.querySelector('.qb-copy-text').value; }
  });
  assert.match(text, /Error 324 is likely/);
  for (const [i, s] of r.plan.entries()) assert.ok(text.includes(`${i + 1}. ${s.title}`), s.title);
  assert.doesNotMatch(text, /GUSTO PAYROLL|-4122\.36|FITID|<[A-Z]+>/, 'no transaction details or tags');
  // No long numbers (dates written as YYYYMMDD in file names are not account numbers).
  assert.doesNotMatch(text.replace(/20\d{6}(?!\d)/g, ''), /\d{8,}/, 'no long numbers');
  await context.close();
});

test('a real Desktop IIF and a real Web Connect file: Desktop plan, plain words', async () => {
  const chart = join(realDir(), 'slowbooks', 'sample_qbmac_opening_balances.iif');
  const qbo = join(realDir(), 'beangulp', 'example.qbo');
  const { page, context } = await openPage(env, `index.html?today=${TODAY}`);
  await pick(page, [file(chart)]);
  const r = await pick(page, [file(qbo)]);
  assert.equal(r.edition, 'desktop');
  assert.equal(r.complete, true);
  const plan = await shownPlan(page);
  assert.deepEqual(plan.map((p) => p[0]), r.plan.map((s) => s.id));
  const text = plan.map((p) => p[2]).join('\n');
  assert.doesNotMatch(text, /Fix now|Settings ⚙/);
  const body = await page.locator('.qb-plan').textContent();
  assert.doesNotMatch(body, /OFX|FID|INTU\.BID|FITID|qb324/);
  await context.close();
});
