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
  const result = await page.evaluate(async ({ rows, runs, chart }) => {
    const m = await import(new URL('pkg/qb324.js', location.href).href);
    await m.default();
    const parts = [];
    window.chaseChunks(rows, (s) => parts.push(s));
    const text = parts.join('');
    const bytes = new TextEncoder().encode(text);
    const chartBytes = new TextEncoder().encode(chart);
    const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // The three take turns, round by round: run one after another, whichever ran first
    // paid for the wasm memory's growth and the others for the garbage it left.
    const rounds = { papa: [], whole: [], streamed: [] };
    const last = {};
    const jobs = {
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
    for (let i = 0; i < runs; i++) {
      for (const [name, job] of Object.entries(jobs)) {
        const t0 = performance.now();
        last[name] = job();
        rounds[name].push(performance.now() - t0);
      }
    }
    const result = (name) => ({ ms: median(rounds[name]), all: rounds[name], last: last[name] });
    const [papa, whole, streamed] = ['papa', 'whole', 'streamed'].map(result);
    return { bytes: bytes.length, papa, whole, streamed };
  }, { rows: ROWS, runs: RUNS, chart: CHART });
  const mb = result.bytes / 1e6;
  const line = (what, r) => `| ${what} | ${r.ms.toFixed(0)} ms | ${(mb / (r.ms / 1000)).toFixed(0)} MB/s | ${(result.papa.ms / r.ms).toFixed(2)}× |`;
  console.log(`Chromium, ${ROWS} rows, ${mb.toFixed(1)} MB, median of ${RUNS}`);
  console.log('| what | median | throughput | vs Papa Parse |');
  console.log('|---|---|---|---|');
  console.log(line('Papa Parse 5.7 `Papa.parse(text)` (peer)', result.papa));
  console.log(line('qb324 `check()` whole, chart + CSV', result.whole));
  console.log(line('qb324 `Checker` streamed in 1 MiB chunks', result.streamed));
  console.log(`rows: papa ${result.papa.last}, check ${result.whole.last}, streamed ${result.streamed.last}`);
} finally {
  await env.close();
}
