// The page and the CLI give the same report for the same files and the same today
// (SPEC §5: "identical from CLI and wasm").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup, openPage, waitForReport } from './helpers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TODAY = '2026-11-30';
const CLI = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug', 'qb324');

let env;
before(async () => {
  // Cheap when `make test` already built it.
  execFileSync('cargo', ['build', '--quiet', '--bin', 'qb324'], { cwd: ROOT, stdio: 'inherit' });
  env = await setup();
});
after(async () => { await env?.close(); });

function cli(paths) {
  const r = spawnSync(CLI, ['--json', '--today', TODAY, ...paths], { encoding: 'utf8' });
  assert.ok([0, 1, 2].includes(r.status), `qb324 exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

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
  // The real fixtures, where they are (as tests/real_fixtures.rs finds them).
  const real = process.env.QB324_FIXTURES ?? join(ROOT, '..', 'shared', 'fixtures', 'real');
  const shared = ['beangulp/example.qbo', 'beangulp/statement.csv', 'fixofx/creditcard.ofx',
    'ofxtools/stmtrs_euro.ofx', 'hledger/sample.fr.cp1252.csv']
    .map((p) => join(real, p))
    .filter((p) => existsSync(p));
  const paths = [...Object.keys(made).map((n) => join(dir, n)), ...shared];
  const files = paths.map((p) => ({ name: p.split('/').pop(), buffer: readFileSync(p) }));
  assert.deepEqual(await page(files), cli(paths));
});

test('all 67 real fixtures at once: page report equals qb324 --json', async (t) => {
  const real = process.env.QB324_FIXTURES ?? join(ROOT, '..', 'shared', 'fixtures', 'real');
  if (!existsSync(real)) {
    // CI always has them beside the clone; a developer may not.
    assert.ok(!process.env.CI, `no fixtures at ${real} (set QB324_FIXTURES)`);
    t.skip(`no fixtures at ${real} (set QB324_FIXTURES)`);
    return;
  }
  const paths = readdirSync(real, { recursive: true })
    .map((p) => join(real, p))
    .filter((p) => statSync(p).isFile() && !/(EXPECTED\.json|PROVENANCE\.md)$/.test(p))
    .sort();
  const files = paths.map((p) => ({ name: p.split('/').pop(), buffer: readFileSync(p) }));
  assert.deepEqual(await page(files), cli(paths));
});
