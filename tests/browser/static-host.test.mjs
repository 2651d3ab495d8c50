// "www/ after make build works from any static server": the page served by Python's
// http.server, which sends no CSP header and no custom MIME map, checks the sample
// files like the project's own server does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, ARGS, openPage, waitForReport } from './helpers.mjs';

const WWW = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'www');
// The main sample set: the files at the top of samples/ (sub-folders hold other sets).
const SAMPLES = readdirSync(join(WWW, 'samples'), { withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name).sort().map((name) => ({
  name,
  mimeType: 'application/octet-stream',
  buffer: readFileSync(join(WWW, 'samples', name)),
}));

/** A free loopback port for the Python server. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

let env;
let python;

before(async () => {
  const port = await freePort();
  python = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', WWW], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/`;
  // Wait until it answers (bounded: 10 s).
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  env = { url, browser };
});

after(async () => {
  await env?.browser.close();
  python?.kill();
});

test('served by python3 -m http.server, the page checks files chosen through the picker', async () => {
  const { page, context, requests, errors } = await openPage(env);
  const origin = new URL(env.url).origin;
  const before = requests.length;
  await page.locator('input[type=file]').first().setInputFiles(SAMPLES);
  const report = await waitForReport(page);
  assert.equal(report.schema, 'qb324.report/1');
  assert.ok(['likely', 'possible', 'clear'].includes(report.verdict));
  assert.ok(report.findings.length > 0, 'the samples show findings');
  assert.equal(await page.locator('[data-verdict]').first().getAttribute('data-verdict'), report.verdict);
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin)), [], 'only the page origin');
  assert.deepEqual(requests.slice(before), [], 'no request once files are chosen');
  assert.deepEqual(errors, []);
  await context.close();
});
