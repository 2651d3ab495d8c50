// A statement far larger than anything a page should hold whole, through the real page:
// a ~200 MB Chase-layout CSV made in the page as a File (a Blob of repeated chunks: no
// disk, no request), dropped on the page like a user's file, read by the worker from
// File.stream() into the streaming Checker. It must finish with every transaction
// counted, and the renderer (which runs the page, the worker and its wasm) must stay far
// below the file's size: the file is streamed, never copied whole into one buffer.
//
// Memory: the worker's wasm memory after the check (a WebAssembly.Memory never shrinks,
// so its size is the check's peak), read inside the page's own worker (Playwright runs a
// function in it: the module is cached, so `init()` returns the running instance). The
// renderer's peak resident size (VmHWM, from /proc) is reported beside it, not asserted:
// it also holds the JS heap's garbage chunks, whose collection V8 schedules as it likes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { setup, openPage } from './helpers.mjs';
import { chaseChunks } from '../../scripts/gen-chase.mjs';

/** Rows in one generated chunk, and how many times the chunk is repeated: 62 is ~200
 *  MB; QB324_STREAM_REPEATS=312 streams ~1 GB (issue 9's bound, BENCHMARKS.md). */
const CHUNK_ROWS = 40_000;
const REPEATS = Number(process.env.QB324_STREAM_REPEATS ?? 62);

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** Peak resident kB of every Chromium renderer process (pid → VmHWM). */
function rendererPeaks() {
  const out = new Map();
  if (!process.platform.startsWith('linux')) return out;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) out.set(pid, Number(m[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

test('a multi-hundred-MB CSV streams from a File with bounded memory', { timeout: 120_000 + REPEATS * 2_000 }, async (t) => {
  // One chunk of rows (without the header), made by the bench's own generator.
  const pieces = [];
  chaseChunks(CHUNK_ROWS, (s) => pieces.push(s), CHUNK_ROWS + 1);
  const all = pieces.join('');
  const header = all.slice(0, all.indexOf('\r\n') + 2);
  const body = all.slice(header.length);
  const rows = CHUNK_ROWS * REPEATS;

  const { page, requests, errors } = await openPage(env);
  const dataTransfer = await page.evaluateHandle(({ header, body, repeats }) => {
    const chunk = new Blob([body]);
    const parts = [header];
    for (let i = 0; i < repeats; i++) parts.push(chunk);
    const file = new File(parts, 'Chase4821_Activity_20261130.CSV', { type: 'text/csv' });
    window.__bigSize = file.size;
    const dt = new DataTransfer();
    dt.items.add(file);
    return dt;
  }, { header, body, repeats: REPEATS });
  const size = await page.evaluate(() => window.__bigSize);
  assert.ok(size > 200e6, `the file is ${size} bytes`);

  const before = rendererPeaks();
  const requestsBefore = requests.length;
  const start = Date.now();
  await page.dispatchEvent('.qb-drop', 'drop', { dataTransfer });
  // Longer than helpers' waitForReport allows: a quarter of a gigabyte on a shared machine.
  await page.waitForSelector('.qb[data-state="done"] [data-verdict]', { timeout: 100_000 + REPEATS * 2_000 });
  const report = await page.evaluate(() => window.qb324.report);
  const seconds = (Date.now() - start) / 1000;
  const after = rendererPeaks();

  assert.equal(report.statements.length, 1, JSON.stringify(report.problems));
  assert.equal(report.statements[0].transactions, rows);
  assert.equal(requests.length, requestsBefore, 'no request while checking');
  assert.deepEqual(errors, []);

  // The renderer that grew the most is the page's. Its peak must stay far below the
  // file: the transactions kept (~26 bytes a row) and bounded windows of text, not the
  // file's text (230 MB) or a copy of it.
  const [worker] = page.workers();
  assert.ok(worker, 'the page runs its check in a worker');
  const wasmBytes = await worker.evaluate(async () => {
    const m = await import('./pkg/qb324.js');
    return (await m.default()).memory.buffer.byteLength;
  });
  let peak = 0;
  for (const [pid, kb] of after) {
    if (kb - (before.get(pid) ?? 0) > 0) peak = Math.max(peak, kb);
  }
  const mb = (bytes) => Math.round(bytes / 2 ** 20);
  t.diagnostic(`${(size / 1e6).toFixed(0)} MB, ${rows} rows in ${seconds.toFixed(1)} s; worker wasm memory ${mb(wasmBytes)} MB; renderer peak RSS ${mb(peak * 1024)} MB`);
  // Bounded: the text is never held whole (issue 9: a 1 GB file within 512 MB of wasm
  // memory); what stays is ~26 bytes a transaction (a column per field, in blocks) and
  // bounded windows of text. Measured: ~33 bytes a row for rows of ~81 bytes of text,
  // 78 MB here and 420 MB for the 1 GB run (QB324_STREAM_REPEATS=312). The bound below
  // fails the 40-byte row structs and the whole-file list of repeats this replaced
  // (141 MB), and fails by far if the text were held whole.
  assert.ok(wasmBytes <= 40 * rows + 16 * 2 ** 20, `wasm memory ${mb(wasmBytes)} MB for ${rows} rows`);
  assert.ok(wasmBytes <= 512 * 2 ** 20, `wasm memory ${mb(wasmBytes)} MB`);
});
