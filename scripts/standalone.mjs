// Writes www/qb324-offline.html: the page as ONE self-contained file that works opened
// straight from disk (file://), for SPEC §8's "opened from a saved copy". Chrome gives a
// file:// page the opaque origin `null`, so it refuses module scripts, a Worker from a
// file URL and fetch(): everything the served page loads must be inside the file.
//
// Nothing here is a second copy of the app: the inline script is generated from the
// same www/ files (checker.js, app.js, worker.js, pkg/qb324.js) by a few textual steps,
// each asserted, so a change in those files either flows in or fails the build:
//   - ES module syntax is dropped (`export ` prefixes, import lines) and
//     `import.meta.url` becomes `location.href`: the result is one classic script;
//   - worker.js and the wasm-bindgen glue go inside `function workerBody(self,
//     postMessage, wasmBytes)`. The page turns that function's own source text into a
//     Blob URL and starts a Worker from it; where the browser refuses, it calls the
//     same function on the main thread behind a Worker-shaped object.
//   - The wasm (gzipped: the file is half the size; DecompressionStream inflates it in
//     the worker), the sample files and the favicon are inlined (base64 data blocks: a
//     <script type="application/octet-stream"> is never executed, so CSP ignores it).
//
// CSP (a meta tag: a file on disk has no headers), computed here:
//   default-src 'none'                everything else is off
//   script-src 'sha256-…' 'wasm-unsafe-eval'
//                                     only this build's inline script (by hash: an
//                                     injected one does not run) and the wasm compile
//   worker-src blob:                  the Worker's script can only be a Blob URL: the page
//                                     makes it from its own inline code, there is no
//                                     other file to load. A blob: worker inherits this
//                                     policy, so it can fetch nothing either.
//   style-src 'sha256-…'              the inline <style> blocks by hash, no 'unsafe-inline'
//                                     (the page sets custom properties through the CSSOM,
//                                     which style-src does not govern)
//   img-src data:                     the inlined favicon
//   connect-src 'none'                nothing to fetch: the wasm and samples are inline
//   base-uri/form-action 'none', Trusted Types: `qb324` (checker.js's policy, unused
//   here) and `qb324-offline`, which turns only the Blob URLs made below into a script URL.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Replaces `from` in `text` (a string or a global regex) and fails when it is absent. */
function must(text, from, to, what) {
  const hit = typeof from === 'string' ? text.includes(from) : from.test(text);
  if (!hit) throw new Error(`standalone: ${what}: pattern not found (did the file change?)`);
  // A function, so `$&` and friends in the inlined code are not replacement patterns.
  if (typeof from === 'string') return text.replaceAll(from, () => to);
  from.lastIndex = 0;
  return text.replace(from, () => to);
}

/** An ES module's text as plain statements: no import lines, no `export`. */
function unmodule(text, what) {
  const out = text
    .replace(/^import\s[^;]*;\s*$/gm, '')
    .replace(/^export\s+(?=(async\s+)?(function|class|const|let)\b)/gm, '')
    .replace(/^export\s*\{[^}]*\};?\s*$/gm, '')
    .replaceAll('import.meta.url', 'location.href');
  const left = out.match(/^\s*(import|export)\b.*$|\bimport\.meta\b|\bimport\s*\(/m);
  if (left) throw new Error(`standalone: ${what} still has module syntax: ${left[0]}`);
  return out;
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Text that must not end the element it sits in. */
function safeInside(text, tag, what) {
  if (new RegExp(`</${tag}|<!--`, 'i').test(text)) throw new Error(`standalone: ${what} contains </${tag} or <!--`);
  return text;
}

/** The offline glue: runs after checker.js's code, before app.js's. */
const GLUE = String.raw`
// ---- offline glue (scripts/standalone.mjs) -------------------------------------------
const mountCheckerBase = mountChecker;

function fromBase64(text) {
  const bin = atob(text.trim());
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  return bytes;
}
const block = (id) => document.getElementById(id).textContent;
/** The gzipped wasm; workerBody inflates it. */
const wasmBytes = () => fromBase64(block('qb324-wasm'));
const SAMPLE_DATA = JSON.parse(block('qb324-samples'));

/** The sample files come from this file itself: nothing is fetched. */
async function loadSample(name) {
  return new File([fromBase64(SAMPLE_DATA[name])], name.split('/').pop());
}

/** Blob URLs made below, the only script URLs the 'qb324-offline' policy lets through. */
const madeUrls = new Set();
const offlinePolicy = globalThis.trustedTypes?.createPolicy?.('qb324-offline', {
  createScriptURL(url) {
    if (madeUrls.has(url)) return url;
    throw new TypeError('qb324: refusing script URL ' + url);
  },
});

/** A visible note when the check runs on the page's own thread. */
function noteMainThread() {
  const note = document.getElementById('qb-offline-note');
  if (note) note.hidden = false;
}

/** The worker's code on this thread, behind an object shaped like a Worker. */
function runHere(deliver) {
  const scope = { onmessage: null };
  workerBody(scope, (data) => setTimeout(() => deliver(data)), wasmBytes());
  return { postMessage: (data) => setTimeout(() => scope.onmessage?.({ data })), terminate() {} };
}

/**
 * A Worker from a Blob URL of workerBody's own source; the first message is the wasm.
 * If the browser refuses the Worker (construction throws, the script errors, or the
 * wasm will not start there), the same code runs on the main thread and the messages
 * sent so far are replayed.
 */
function createWorker() {
  // terminate(): Cancel and crash recovery throw a worker away and make a new one.
  const bridge = {
    onmessage: null,
    onerror: null,
    postMessage(m) { pending?.push(m); target.postMessage(m); },
    terminate() { pending = null; fellBack = true; target.terminate(); },
  };
  let pending = [];
  let fellBack = false;
  let target = { postMessage() {}, terminate() {} };
  const deliver = (data) => {
    if (data?.type === 'ready') pending = null;
    bridge.onmessage?.({ data });
  };
  const fallback = () => {
    if (fellBack) return;
    fellBack = true;
    target.terminate();
    noteMainThread();
    const replay = pending ?? [];
    target = runHere(deliver);
    for (const m of replay) target.postMessage(m);
  };
  try {
    const source = "'use strict';\nself.onmessage = (e) => {\n  self.onmessage = null;\n  (" +
      workerBody.toString() + ")(self, self.postMessage.bind(self), e.data);\n};\n";
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    madeUrls.add(url);
    const worker = new Worker(offlinePolicy ? offlinePolicy.createScriptURL(url) : url);
    worker.onmessage = ({ data }) => {
      if (data?.type === 'error' && data.id === undefined && pending) fallback();
      else if (!fellBack) deliver(data);
    };
    worker.onerror = (e) => { if (pending) { e.preventDefault(); fallback(); } };
    worker.postMessage(wasmBytes());
    target = worker;
  } catch {
    fallback();
  }
  return bridge;
}
`;

/** Builds the file's text from www/ (pkg/ must be built). Returns { html, csp }. */
export function standaloneHtml(www) {
  const read = (p) => readFileSync(join(www, p), 'utf8');
  const checker = unmodule(read('checker.js'), 'checker.js');
  const recovery = unmodule(read('recovery.js'), 'recovery.js');
  let worker = read('worker.js');
  worker = must(worker, /^import init, \{ Checker, recover \} from '\.\/pkg\/qb324\.js';$/m, '', 'worker.js import');
  worker = unmodule(worker, 'worker.js');
  let pkg = unmodule(read('pkg/qb324.js'), 'pkg/qb324.js');
  must(pkg, /\basync function __wbg_init\(/, '', 'wasm-bindgen init');
  let app = read('app.js');
  app = must(app, /^import \{ mountChecker \} from '\.\/checker\.js';$/m, '', 'app.js import');
  app = unmodule(app, 'app.js');

  const script = safeInside(
    [
      '(() => {',
      "'use strict';",
      '// ---- www/recovery.js --------------------------------------------------------------',
      recovery,
      '// ---- www/checker.js ---------------------------------------------------------------',
      checker,
      '// ---- the worker: www/pkg/qb324.js, then www/worker.js -------------------------------',
      'function workerBody(self, postMessage, wasmBytes) {',
      pkg,
      '// The wasm is inlined gzipped (half the file); the browser inflates it, nothing is fetched.',
      'const inflate = (gz) => new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream(\'gzip\'))).arrayBuffer();',
      'const init = async () => __wbg_init({ module_or_path: await inflate(wasmBytes) });',
      worker,
      '}',
      GLUE,
      '// ---- www/app.js ---------------------------------------------------------------------',
      '{',
      'const mountChecker = (root, options) => mountCheckerBase(root, { ...options, createWorker, loadSample });',
      app,
      '}',
      '})();',
    ].join('\n'),
    'script',
    'the inline script',
  );

  const styles = [read('style.css'), read('checker.css'), OFFLINE_CSS].map((s, i) => safeInside(s, 'style', `style ${i}`));
  const wasm = gzipSync(readFileSync(join(www, 'pkg', 'qb324_bg.wasm')), { level: 9 }).toString('base64');
  const samples = {};
  for (const name of sampleNames(read('checker.js'))) {
    samples[name] = readFileSync(join(www, 'samples', name)).toString('base64');
  }
  const favicon = `data:image/svg+xml;base64,${readFileSync(join(www, 'favicon.svg')).toString('base64')}`;

  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
    'worker-src blob:',
    `style-src ${styles.map(sha256).join(' ')}`,
    'img-src data:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types qb324 qb324-offline',
  ].join('; ');

  let html = read('index.html');
  html = must(html, /<!-- Same policy as www\/_headers[^\n]*\n/, '', 'CSP comment');
  html = must(
    html,
    /<meta http-equiv="Content-Security-Policy" content="[^"]*">/,
    `<!-- Generated by scripts/standalone.mjs from index.html: one file, nothing to load. -->\n<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    'CSP meta',
  );
  html = must(html, /<link rel="icon" href="favicon\.svg" type="image\/svg\+xml">/, `<link rel="icon" href="${favicon}" type="image/svg+xml">`, 'favicon');
  html = must(
    html,
    /<link rel="stylesheet" href="style\.css">\n<link rel="stylesheet" href="checker\.css">\n<link rel="modulepreload" href="checker\.js">\n<script type="module" src="app\.js"><\/script>\n/,
    styles.map((s) => `<style>${s}</style>\n`).join(''),
    'styles and scripts',
  );
  html = must(html, '<a class="brand" href="./">', '<a class="brand" href="#main">', 'brand link');
  // Links to the site's other pages do not exist beside a saved copy.
  html = must(html, /\s*<p class="offline-link">.*?<\/p>/s, '', 'offline link');
  html = must(
    html,
    /<p><a href="embed\.html">.*?<\/a><\/p>/s,
    '<p>This is the saved copy of the checker: one file that needs no internet connection.</p>',
    'embed link',
  );
  html = must(
    html,
    '<div id="checker" class="checker-host"></div>',
    '<p id="qb-offline-note" class="offline-note" role="note" hidden>This browser does not let a saved page start a background worker, so your files are checked on the page itself: it may pause for a moment on large files. They still never leave this device.</p>\n  <div id="checker" class="checker-host"></div>',
    'checker host',
  );
  html = must(
    html,
    '</body>',
    `<script type="application/octet-stream" id="qb324-wasm">${wasm}</script>\n` +
      `<script type="application/json" id="qb324-samples">${safeInside(JSON.stringify(samples), 'script', 'samples')}</script>\n` +
      `<script>${script}</script>\n</body>`,
    'body end',
  );
  if (/\b(src|href)="(?!#|data:)[^"]+"/.test(html.replace(/<script>[\s\S]*?<\/script>/, ''))) {
    throw new Error(`standalone: a link to another file is left: ${html.match(/\b(src|href)="(?!#|data:)[^"]+"/)[0]}`);
  }
  return { html, csp };
}

/** Only the offline copy's own note (the rest is style.css and checker.css). */
const OFFLINE_CSS = `.offline-note{margin:0 0 1rem;padding:.75rem 1rem;border-left:4px solid #b7791f;background:#fffbeb;color:#1f2937}`;

/** The sample names from checker.js's SAMPLES lists (one source of truth). */
function sampleNames(checkerJs) {
  const lists = [...checkerJs.matchAll(/export const SAMPLES\w* = \[([^\]]*)\]/g)].map((m) => m[1]);
  if (!lists.length) throw new Error('standalone: SAMPLES not found in checker.js');
  return lists.flatMap((list) => [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]));
}

/** Writes www/qb324-offline.html and prints its size. */
export function writeStandalone(root = join(here, '..')) {
  const www = join(root, 'www');
  const { html } = standaloneHtml(www);
  const out = join(www, 'qb324-offline.html');
  writeFileSync(out, html);
  const gz = gzipSync(html, { level: 9 }).length;
  console.log(`qb324-offline.html: ${Buffer.byteLength(html)} bytes, ${gz} gzipped`);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeStandalone();
