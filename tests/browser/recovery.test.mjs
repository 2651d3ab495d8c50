// The way back on the page: drop a chart, a statement and QuickBooks' own report of the
// account; the recovery entry shows count, period and total first; its files download
// from memory (Blob URLs) without a single request, and their bytes are the core's.
// A statement without a register gets a "QuickBooks has transactions until" date field
// that reruns the check. Relies only on stable hooks: the first input[type=file],
// `.qb[data-state="done"] [data-verdict]`, window.qb324.report, and data-recovery*.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  setup, openPage, waitForReport, TODAY, fileAt as file, buildCli, cliReport,
} from './helpers.mjs';

const CHART = file('www/samples/AcmeLandscaping_AccountList.csv');
const STATEMENT = file('www/samples/amex-business-gold-2026-11.qbo');
const REGISTER = file('tests/fixtures/register/amex-gold-transaction-detail.csv');
const CHASE = file('www/samples/Chase4821_Activity_20261115.CSV');

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** Waits for a report that differs from `previous` (a rerun), or the first one. */
async function nextReport(page, previous) {
  await page.waitForFunction(
    (prev) => document.querySelector('.qb[data-state="done"] [data-verdict]')
      && window.qb324.report && JSON.stringify(window.qb324.report) !== prev,
    previous ? JSON.stringify(previous) : null,
  );
  return waitForReport(page);
}

/** Clicks a download button and returns each downloaded file's name and bytes. */
async function downloadAll(page, selector, expected) {
  const downloads = [];
  const onDownload = async (d) => {
    const path = await d.path();
    downloads.push({ name: d.suggestedFilename(), bytes: readFileSync(path), url: d.url() });
  };
  page.on('download', onDownload);
  await page.click(selector);
  await page.waitForFunction(() => true);
  while (downloads.length < expected) await new Promise((r) => setTimeout(r, 50));
  page.off('download', onDownload);
  return downloads;
}

test('chart + statement + register: the recovery files download without any request', async () => {
  const { page, context, requests, errors } = await openPage(env, `index.html?today=${TODAY}`);
  await page.locator('input[type=file]').first().setInputFiles([CHART, STATEMENT, REGISTER]);
  const report = await waitForReport(page);
  assert.equal(report.files.find((f) => f.file === REGISTER.name).role, 'register');
  assert.equal(report.recovery.length, 1);
  const entry = report.recovery[0];
  assert.equal(entry.transactions, 5);
  assert.equal(entry.total, '-614.36');

  // Count, period and total come first in the entry, before any button.
  const card = page.locator(`[data-recovery-entry="${entry.id}"]`);
  const summary = await card.locator('[data-recovery-summary]').textContent();
  assert.match(summary, /^5 missing transactions, 2026-10-30 to 2026-11-13, total −614\.36$/);
  const order = await card.evaluate((el) => {
    const s = el.querySelector('[data-recovery-summary]');
    const b = el.querySelector('[data-recovery-download]');
    return Boolean(s.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(order, 'summary before the download buttons');

  // From here on, not one request: the files are made in the tab and saved from memory.
  const before = requests.length;
  const csv = await downloadAll(page, `[data-recovery-entry="${entry.id}"] [data-recovery-download="qbo-online-csv"]`, 1);
  const qbo = await downloadAll(page, `[data-recovery-entry="${entry.id}"] [data-recovery-download="web-connect-qbo"]`, 1);
  assert.deepEqual(requests.slice(before), [], 'no request while making or saving the files');
  assert.deepEqual([...csv, ...qbo].map((d) => d.name), entry.files);
  for (const d of [...csv, ...qbo]) assert.match(d.url, /^blob:/);

  // The bytes read back: the CSV's rows, and the .qbo through qb324 itself (the CLI).
  const text = csv[0].bytes.toString('utf8');
  const lines = text.trim().split('\r\n');
  assert.equal(lines[0], 'Date,Description,Amount');
  assert.equal(lines.length, 6);
  const sum = lines.slice(1).reduce((s, l) => s + Math.round(Number(l.split(',').pop()) * 100), 0);
  assert.equal(sum, -61436);
  assert.ok(qbo[0].bytes.toString('latin1').startsWith('OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\n'));
  buildCli();
  const out = cliReport([writeTemp(qbo[0])]);
  assert.equal(out.statements[0].transactions, 5);
  assert.equal(out.statements[0].first_date, '2026-10-30');
  assert.equal(out.statements[0].last_date, '2026-11-13');
  assert.equal(out.statements[0].institution.intu_bid, '3101');
  assert.deepEqual(errors, []);
  await context.close();
});

function writeTemp(d) {
  const path = join(mkdtempSync(join(tmpdir(), 'qb324-recovery-')), d.name);
  writeFileSync(path, d.bytes);
  return path;
}

test('a date field per statement reruns the check and offers the files after it', async () => {
  const { page, context, requests, errors } = await openPage(env, `index.html?today=${TODAY}`);
  await page.locator('input[type=file]').first().setInputFiles([CHART, CHASE]);
  const first = await waitForReport(page);
  assert.deepEqual(first.recovery, []);
  const field = page.locator(`[data-recovery-until="${CHASE.name}"]`);
  await field.fill('2026-11-05');
  await field.dispatchEvent('change');
  const report = await nextReport(page, first);
  assert.equal(report.recovery.length, 1);
  const entry = report.recovery[0];
  assert.equal(entry.basis, 'date');
  assert.equal(entry.quickbooks_has_until, '2026-11-05');
  assert.deepEqual(entry.formats, ['qbo-online-csv']);
  // The field keeps its date after the rerun.
  assert.equal(await page.locator(`[data-recovery-until="${CHASE.name}"]`).inputValue(), '2026-11-05');
  const before = requests.length;
  const [d] = await downloadAll(page, `[data-recovery-entry="${entry.id}"] [data-recovery-download="qbo-online-csv"]`, 1);
  assert.deepEqual(requests.slice(before), []);
  const rows = d.bytes.toString('utf8').trim().split('\r\n').slice(1);
  assert.equal(rows.length, entry.transactions);
  assert.ok(rows.every((r) => r.slice(6, 10) === '2026' && r.slice(0, 5) > '11/05'), rows.join('\n'));
  assert.deepEqual(errors, []);
  await context.close();
});
