// The check runs here, off the page's main thread, so the page never freezes.
//
// Protocol (page → worker): { type: 'check', id, files: File[], today, quickbooksHasUntil? };
// { type: 'recover', rid, id, files, today, quickbooksHasUntil? } → { type: 'recovered',
// rid, files: [{ name, bytes }] } (or { type: 'recovered', rid, error }): the recovery
// files of the report's `recovery` entry `id`, made here from the same files.
// Worker → page: { type: 'ready' } once the wasm is compiled; { type: 'progress', id,
// done, total } while files are read; { type: 'report', id, report, unopened, opened }
// (`opened`: the indexes of `files` the core read, in order; `unopened`: files the
// browser could not open); { type: 'error', id?, message, fatal? }. `fatal` means the
// wasm trapped (out of memory, a panic): its memory is no longer trustworthy, so the
// page must throw this worker away and start a new one.
//
// Files are read from File.stream() chunk by chunk into the core's streaming Checker:
// the bytes go from the user's disk into this worker's memory and nowhere else. This
// worker makes one request ever, for qb324_bg.wasm, before any file is chosen. The page
// cancels a check by terminating the worker.
import init, { Checker, recover } from './pkg/qb324.js';

const ready = init().then(
  () => postMessage({ type: 'ready' }),
  (e) => postMessage({ type: 'error', message: `The checker could not start: ${e?.message ?? e}` }),
);

/** Progress messages at most this often (ms), so the page is not flooded. */
const PROGRESS_EVERY = 50;

/** Whether an error is the wasm itself failing (a trap: out of memory, a panic). */
function isTrap(e) {
  return (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError) ||
    /unreachable|out of memory|memory access out of bounds/i.test(String(e?.message ?? e));
}

/** The check's options from a message: today, and the dates QuickBooks has until. */
function optionsOf(data) {
  const options = data.today ? { today: data.today } : {};
  if (data.quickbooksHasUntil) options.quickbooksHasUntil = data.quickbooksHasUntil;
  return options;
}

/** The recovery files of one report `recovery` entry, made from the same files. */
async function recoverFiles(data) {
  await ready;
  try {
    const files = [];
    for (const file of data.files) files.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    const out = recover(files, optionsOf(data), data.id);
    postMessage({ type: 'recovered', rid: data.rid, files: out }, out.map((f) => f.bytes.buffer));
  } catch (e) {
    postMessage({ type: 'recovered', rid: data.rid, error: String(e?.message ?? e) });
  }
}

self.onmessage = async ({ data }) => {
  if (data?.type === 'recover') return recoverFiles(data);
  if (data?.type !== 'check') return;
  const { id, files } = data;
  await ready;
  let checker;
  try {
    checker = new Checker();
    const total = files.reduce((sum, f) => sum + f.size, 0);
    let done = 0;
    let last = 0;
    postMessage({ type: 'progress', id, done, total });
    // Files the browser could not open at all (a folder, a file deleted meanwhile):
    // the core never sees them, as the CLI would refuse them; the page says so.
    const unopened = [];
    const opened = [];
    for (const [index, file] of files.entries()) {
      let reader;
      let begun = false;
      try {
        reader = file.stream().getReader();
        const first = await reader.read();
        checker.begin(file.name, undefined);
        begun = true;
        opened.push(index);
        for (let chunk = first; !chunk.done; chunk = await reader.read()) {
          checker.push(chunk.value);
          done += chunk.value.byteLength;
          const now = performance.now();
          if (now - last > PROGRESS_EVERY) {
            last = now;
            postMessage({ type: 'progress', id, done, total, file: file.name });
          }
        }
        checker.end();
      } catch (e) {
        if (isTrap(e)) throw e;
        if (!begun) unopened.push({ file: file.name, message: String(e?.message ?? e) });
        checker.end();
      }
    }
    postMessage({ type: 'progress', id, done: total, total });
    const report = checker.finish(optionsOf(data));
    checker = undefined; // finish() consumed it
    postMessage({ type: 'report', id, report, unopened, opened });
  } catch (e) {
    const fatal = isTrap(e);
    // After a trap the instance cannot even be freed (that throws too): leave it, the
    // page replaces this worker.
    if (!fatal) {
      try { checker?.free(); } catch { /* already consumed */ }
    }
    postMessage({ type: 'error', id, message: String(e?.message ?? e), fatal });
  }
};
