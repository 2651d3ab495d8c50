// `make bench-page`: the whole check of the 1M-row Chase-layout CSV (+ a one-account
// chart) in headless Chromium, beside Papa Parse 5.7 parsing the same text alone, in the
// same page, same bytes, same run (issue 9's page goal: qb324 at ≥ 3× Papa Parse).
//
// Measured in the product's own page (index.html, its CSP and its wasm): the text is
// generated in the page by scripts/gen-chase.mjs's generator, so no file and no request
// is involved. Each is run RUNS times; the median is reported.
//
//   node scripts/bench-page.mjs [rows]   (default 1,000,000; needs `make build`)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setup, openPage } from '../tests/browser/helpers.mjs';
import { chaseChunks, CHART } from './gen-chase.mjs';

const ROWS = Number(process.argv[2] || 1_000_000);
const RUNS = Number(process.env.RUNS || 3);
const require = createRequire(import.meta.url);
const papaSource = readFileSync(require.resolve('papaparse/papaparse.min.js'), 'utf8');

const env = await setup();
try {
  const { page } = await openPage(env);
  // Runtime.evaluate, which the page's CSP does not govern (TOOLCHAIN.md trap 7): the
  // peer and the generator are test code, not part of the page.
  await page.evaluate(papaSource);
  await page.evaluate(`window.chaseChunks = ${chaseChunks.toString()}`);
  // The text, its bytes and the three jobs live in the page; Node runs the rounds, so
  // that before each timed job the page's heap is collected (CDP), untimed: otherwise
  // whichever job follows Papa Parse pays for collecting its million row arrays (in
  // one order `check()` read ~270 ms slower than the `Checker` beside it, on the
  // same bytes and the same wasm).
  const bytes = await page.evaluate(async ({ rows, chart }) => {
    const m = await import(new URL('pkg/qb324.js', location.href).href);
    await m.default();
    const parts = [];
    window.chaseChunks(rows, (s) => parts.push(s));
    const text = parts.join('');
    const bytes = new TextEncoder().encode(text);
    const chartBytes = new TextEncoder().encode(chart);
    window.benchJobs = {
      papa: () => window.Papa.parse(text).data.length,
      whole: () => {
        const r = m.check([{ name: 'coa.csv', bytes: chartBytes }, { name: 'Chase4821_Activity.CSV', bytes }], {});
        return r.statements[0]?.transactions;
      },
      streamed: () => {
        const c = new m.Checker();
        c.begin('coa.csv');
        c.push(chartBytes);
        c.end();
        c.begin('Chase4821_Activity.CSV');
        for (let at = 0; at < bytes.length; at += 1 << 20) c.push(bytes.subarray(at, at + (1 << 20)));
        c.end();
        return c.finish({}).statements[0]?.transactions;
      },
    };
    return bytes.length;
  }, { rows: ROWS, chart: CHART });
  const cdp = await page.context().newCDPSession(page);
  // The three take turns, round by round (whichever ran first would pay for the wasm
  // memory's growth), each from a collected heap.
  const rounds = { papa: [], whole: [], streamed: [] };
  const last = {};
  for (let i = 0; i < RUNS; i++) {
    for (const name of Object.keys(rounds)) {
      await cdp.send('HeapProfiler.collectGarbage');
      const { ms, out } = await page.evaluate((name) => {
        const t0 = performance.now();
        const out = window.benchJobs[name]();
        return { ms: performance.now() - t0, out };
      }, name);
      rounds[name].push(ms);
      last[name] = out;
    }
  }
  const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const summary = (name) => ({ ms: median(rounds[name]), all: rounds[name], last: last[name] });
  const result = { bytes, papa: summary('papa'), whole: summary('whole'), streamed: summary('streamed') };
  const mb = result.bytes / 1e6;
  const line = (what, r) => `| ${what} | ${r.ms.toFixed(0)} ms | ${(mb / (r.ms / 1000)).toFixed(0)} MB/s | ${(result.papa.ms / r.ms).toFixed(2)}× |`;
  console.log(`Chromium, ${ROWS} rows, ${mb.toFixed(1)} MB, median of ${RUNS}`);
  console.log('| what | median | throughput | vs Papa Parse |');
  console.log('|---|---|---|---|');
  console.log(line('Papa Parse 5.7 `Papa.parse(text)` (peer)', result.papa));
  console.log(line('qb324 `check()` whole, chart + CSV', result.whole));
  console.log(line('qb324 `Checker` streamed in 1 MiB chunks', result.streamed));
  console.log(`all runs (ms): papa ${result.papa.all.map(Math.round).join(', ')}; check ${result.whole.all.map(Math.round).join(', ')}; streamed ${result.streamed.all.map(Math.round).join(', ')}`);
  console.log(`rows: papa ${result.papa.last}, check ${result.whole.last}, streamed ${result.streamed.last}`);
} finally {
  await env.close();
}
