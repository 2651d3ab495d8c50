// The page and the CLI give the same report for the same files and the same today
// (SPEC §5: "identical from CLI and wasm").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  setup, openPage, waitForReport, ROOT, TODAY, realDir, buildCli, cliReport as cli,
} from './helpers.mjs';


let env;
before(async () => {
  buildCli();
  env = await setup();
});
after(async () => { await env?.close(); });

async function page(files) {
  const { page, context } = await openPage(env, `index.html?today=${TODAY}`);
  await page.locator('input[type=file]').setInputFiles(
    files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: f.buffer })),
  );
  const report = await waitForReport(page);
  await context.close();
  return report;
}

const SAMPLE_DIR = join(ROOT, 'www', 'samples');
// The main sample set: the files at the top of samples/ (sub-folders hold other sets).
const SAMPLES = readdirSync(SAMPLE_DIR, { withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name).sort();

test('the sample files: page report equals qb324 --json', async () => {
  const files = SAMPLES.map((name) => ({ name, buffer: readFileSync(join(SAMPLE_DIR, name)) }));
  assert.deepEqual(await page(files), cli(SAMPLES.map((n) => join(SAMPLE_DIR, n))));
});

test('real fixtures and broken files: page report equals qb324 --json', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'qb324-parity-'));
  const made = {
    'empty.csv': Buffer.alloc(0),
    'renamed.csv': Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'),
    'utf16.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Date,Description,Amount\r\n11/02/2026,Café,-3.50\r\n', 'utf16le')]),
  };
  for (const [name, buffer] of Object.entries(made)) writeFileSync(join(dir, name), buffer);
  const real = realDir();
  const shared = ['beangulp/example.qbo', 'beangulp/statement.csv', 'fixofx/creditcard.ofx',
    'ofxtools/stmtrs_euro.ofx', 'hledger/sample.fr.cp1252.csv']
    .map((p) => join(real, p))
    .filter((p) => existsSync(p));
  const paths = [...Object.keys(made).map((n) => join(dir, n)), ...shared];
  const files = paths.map((p) => ({ name: p.split('/').pop(), buffer: readFileSync(p) }));
  assert.deepEqual(await page(files), cli(paths));
});

test('all 67 real fixtures at once: page report equals qb324 --json', async () => {
  const real = realDir();
  const paths = readdirSync(real, { recursive: true })
    .map((p) => join(real, p))
    .filter((p) => statSync(p).isFile() && !/(EXPECTED\.json|PROVENANCE\.md)$/.test(p))
    .sort();
  const files = paths.map((p) => ({ name: p.split('/').pop(), buffer: readFileSync(p) }));
  assert.deepEqual(await page(files), cli(paths));
});
