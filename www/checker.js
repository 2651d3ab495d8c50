// The checker widget: the set of files, progress (with Cancel), and the report as the
// user reads it: the verdict, the plan, what was found, what was checked. Used by the
// page (index.html, via app.js) and by the <qb324-checker> custom element (inside its
// shadow root).
//
// Safety: everything that comes from a file (names, excerpts, messages that quote it)
// is put in the page as text (createTextNode / textContent), never as HTML. The page's
// CSP also requires Trusted Types, so an HTML sink would throw rather than render.
//
// Privacy: files go to the Worker and nowhere else; the files and the report live in
// variables until "Forget everything" or the tab closes. Nothing is stored.

/**
 * The one Trusted Types policy the CSP allows (`trusted-types qb324`): it turns the
 * worker's own URL into a script URL and nothing else, and has no createHTML, so no
 * string can ever become HTML in this page.
 */
import { mountRecovery } from './recovery.js';

const policy = globalThis.trustedTypes?.createPolicy?.('qb324', {
  createScriptURL(url) {
    if (new URL(url).pathname.endsWith('/worker.js') && new URL(url).origin === location.origin) return url;
    throw new TypeError(`qb324: refusing script URL ${url}`);
  },
});

/** The sample files shipped in samples/ ("Try sample files"). */
export const SAMPLES = [
  'AcmeLandscaping_AccountList.csv',
  'amex-business-gold-2026-11.qbo',
  'Chase4821_Activity_20261115.CSV',
];

/** A QuickBooks Self-Employed / Solopreneur set: its transactions export and a statement. */
export const SAMPLES_SELF_EMPLOYED = [
  'self-employed/QuickBooks_Self-Employed_Transactions.csv',
  'self-employed/amex-2026-11.qbo',
];

const SEVERITY_LABEL = { error: 'Needs fixing', warning: 'Worth checking', info: 'Good to know' };

const FORMAT_LABEL = {
  'qbo-csv': 'QuickBooks Online account list (CSV)',
  'qbo-xlsx': 'QuickBooks Online account list (Excel)',
  'desktop-csv': 'QuickBooks Desktop account listing (CSV)',
  'desktop-xlsx': 'QuickBooks Desktop account listing (Excel)',
  iif: 'QuickBooks Desktop list file (IIF)',
  'ofx-sgml': 'bank download (QBO / QFX / OFX)',
  'ofx-xml': 'bank download (OFX)',
  'ofx-no-header': 'bank download (OFX)',
  csv: 'bank CSV',
};

const KIND_LABEL = {
  checking: 'checking account',
  savings: 'savings account',
  money_market: 'money market account',
  credit_line: 'credit line',
  credit_card: 'credit card',
  unknown: 'account',
};

const EDITION_LABEL = {
  online: 'QuickBooks Online',
  desktop: 'QuickBooks Desktop',
  self_employed: 'QuickBooks Self-Employed',
  unknown: 'QuickBooks Online and Desktop (add your chart of accounts to pick one)',
};

/**
 * Builds an element. Children that are strings become text nodes: this is the only
 * way text reaches the page.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

const SVG = 'http://www.w3.org/2000/svg';
function icon(paths, cls = 'qb-icon') {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', cls);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of paths) {
    const p = document.createElementNS(SVG, 'path');
    p.setAttribute('d', d);
    svg.append(p);
  }
  return svg;
}
const ICONS = {
  upload: ['M12 16V4', 'M7 9l5-5 5 5', 'M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3'],
  lock: ['M6 11h12v9H6z', 'M8.5 11V8a3.5 3.5 0 0 1 7 0v3'],
  error: ['M12 3l9.5 17h-19z', 'M12 10v4', 'M12 17v.5'],
  warning: ['M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z', 'M12 8v5', 'M12 16v.5'],
  info: ['M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z', 'M12 11v5', 'M12 8v.5'],
  ok: ['M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z', 'M8 12.5l3 3 5-6'],
  question: ['M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z', 'M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6', 'M12 17v.5'],
  file: ['M6 3h8l4 4v14H6z', 'M14 3v4h4'],
  x: ['M6 6l12 12', 'M18 6L6 18'],
};

/** A count with thousands separators, as the core writes them (report/words.rs). */
export function count(n) {
  return Number(n).toLocaleString('en-US');
}

function plural(n, one, many = `${one}s`) {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** How sure, in words (report/words.rs `confidence`). */
export function confidenceWords(c) {
  if (c == null) return null;
  return c >= 90 ? 'almost certain' : c >= 70 ? 'likely' : 'possibly';
}

const SYMBOL = { USD: '$', EUR: '€', GBP: '£', CAD: 'CA$', AUD: 'A$', NZD: 'NZ$', JPY: '¥', INR: '₹' };

/** Money as the file's currency writes it (report/words.rs `money`): `-$4,122.36`. */
export function money(text, currency) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text ?? '').trim());
  if (!m) return String(text ?? '');
  const [, sign, units, frac = ''] = m;
  const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const number = `${grouped}.${frac.padEnd(2, '0')}`;
  const code = (currency ?? '').trim().toUpperCase();
  if (SYMBOL[code]) return `${sign}${SYMBOL[code]}${number}`;
  return code ? `${sign}${number} ${code}` : `${sign}${number}`;
}

/** Today in the browser's own time zone, as YYYY-MM-DD (the core has no clock). */
export function localToday(now = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The two kinds of file, where to get them (SPEC §2), as short as a phone allows. */
/** Which chart to export, per product, as tabs (one shown at a time). */
const CHART_HELP = [
  ['QuickBooks Online', [
    'Settings ⚙ → Chart of accounts → Run report → Export to Excel (or CSV). Tick “Include inactive” first, so inactive accounts are in it.']],
  ['QuickBooks Desktop', [
    'Reports → List → Account Listing → Excel, or File → Utilities → Export → Lists to IIF.']],
  ['Self-Employed / Solopreneur', [
    'These have no chart of accounts: the transactions list tells which bank and card accounts are connected.',
    'Transactions → set the dates to at least the last 6 months → Export (CSV or Excel).']],
];

function exportHelp() {
  const tabs = CHART_HELP.map(([name], i) => h('button', {
    type: 'button', role: 'tab', id: `qb-need-tab-${i}`, 'aria-controls': `qb-need-panel-${i}`,
    'aria-selected': i === 0 ? 'true' : 'false', tabindex: i === 0 ? '0' : '-1', class: 'qb-need-tab',
  }, name));
  const panels = CHART_HELP.map(([, lines], i) => h('div', {
    role: 'tabpanel', id: `qb-need-panel-${i}`, 'aria-labelledby': `qb-need-tab-${i}`, hidden: i !== 0,
  }, ...lines.map((t) => h('p', {}, t))));
  const select = (i) => {
    tabs.forEach((t, k) => {
      t.setAttribute('aria-selected', k === i ? 'true' : 'false');
      t.tabIndex = k === i ? 0 : -1;
      panels[k].hidden = k !== i;
    });
    tabs[i].focus();
  };
  tabs.forEach((t, i) => {
    t.addEventListener('click', () => select(i));
    // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
    t.addEventListener('keydown', (e) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
      if (step) { e.preventDefault(); select((i + step + tabs.length) % tabs.length); }
    });
  });
  return h('div', { class: 'qb-need', id: 'qb-need' },
    h('div', { class: 'qb-need-item' },
      h('h3', {}, '1. Your chart of accounts'),
      h('div', { role: 'tablist', 'aria-label': 'Your QuickBooks', class: 'qb-need-tabs' }, ...tabs),
      ...panels),
    h('div', { class: 'qb-need-item' },
      h('h3', {}, '2. Your bank or card statements'),
      h('p', {}, 'From your bank’s website: the Web Connect (.qbo), QFX/OFX or CSV download, not the PDF statement, covering at least the last 90 days. Add one for each account QuickBooks can’t find.')));
}

/**
 * Mounts the checker into `root` (an element or a shadow root).
 * Options: `base` (URL the worker, wasm and samples are found relative to),
 * `today` (YYYY-MM-DD; default the browser's today), `shadow` (true inside the custom
 * element: sizes then come from --qb324-font-size, never the host page's root). The
 * saved single-file copy (qb324-offline.html, scripts/standalone.mjs) has nothing to
 * fetch, so it passes `createWorker` (returns an object with postMessage/onmessage and
 * maybe terminate, like a Worker) and `loadSample` (name → File) instead.
 */
export function mountChecker(root, { base = import.meta.url, today, createWorker, loadSample, shadow = false } = {}) {
  const url = (p) => new URL(p, base).href;
  /** The set of files: every drop or pick adds to it; each entry { key, file }. */
  let files = [];
  let nextKey = 1;
  /** What the last report said about each file, by key. */
  let readAs = new Map();
  let report = null;
  let checkId = 0;
  let progressTimer = 0;
  let working = false;

  // ---- the static part ------------------------------------------------------------
  const fileInput = h('input', {
    type: 'file',
    multiple: true,
    id: 'qb-file',
    class: 'qb-file-input',
    'aria-describedby': 'qb-drop-help',
  });
  const sampleButton = h('button', { type: 'button', class: 'qb-button', disabled: true }, 'Try sample files');
  const sampleSelfEmployedButton = h('button', { type: 'button', class: 'qb-button', disabled: true }, 'Try Self-Employed samples');
  const dropZone = h(
    'section',
    { class: 'qb-drop', 'aria-labelledby': 'qb-drop-title' },
    h('div', { class: 'qb-drop-head' },
      icon(ICONS.upload, 'qb-icon qb-drop-icon'),
      h('h2', { id: 'qb-drop-title', class: 'qb-drop-title' }, 'Add your files')),
    h('p', { id: 'qb-drop-help', class: 'qb-drop-help' },
      'Drop them here or choose them, one at a time or all at once, in any order. Each file you add joins the check.'),
    exportHelp(),
    h(
      'div',
      { class: 'qb-actions' },
      fileInput,
      h('label', { for: 'qb-file', class: 'qb-button qb-primary' }, 'Choose files…'),
      sampleButton,
      sampleSelfEmployedButton,
    ),
    h(
      'p',
      { class: 'qb-privacy' },
      icon(ICONS.lock),
      h('span', {}, h('strong', {}, 'Your files never leave this device.'),
        ' They are read by this browser tab, on your computer. Nothing is uploaded, stored or tracked.'),
    ),
  );

  const fileList = h('ul', { class: 'qb-files', 'aria-label': 'Files in this check' });
  const forgetButton = h('button', { type: 'button', class: 'qb-button qb-danger', onclick: () => forget() }, 'Forget everything');
  const fileSet = h('section', { class: 'qb-block qb-fileset', hidden: true, 'aria-labelledby': 'qb-files-title' },
    h('div', { class: 'qb-fileset-head' },
      h('h2', { id: 'qb-files-title' }, 'Your files'),
      forgetButton),
    fileList);

  const progressBar = h('progress', { id: 'qb-progress-bar', max: 1, value: 0 });
  const progressLabel = h('span', { class: 'qb-progress-text' }, 'Reading your files…');
  const cancelButton = h('button', { type: 'button', class: 'qb-button qb-cancel', onclick: () => cancel() }, 'Cancel');
  const progress = h(
    'div',
    { class: 'qb-progress', hidden: true },
    h('label', { for: 'qb-progress-bar' }, progressLabel),
    h('div', { class: 'qb-progress-row' }, progressBar, cancelButton),
  );

  const status = h('p', { class: 'qb-status', role: 'status', 'aria-live': 'polite' });
  const results = h('section', { class: 'qb-results', hidden: true, 'aria-labelledby': 'qb-verdict-title', tabindex: '-1' });

  const container = h('div', { class: `qb${shadow ? ' qb-shadow' : ''}`, 'data-state': 'loading' },
    dropZone, fileSet, progress, status, results);
  root.append(container);

  // ---- the worker: replaced after Cancel or a crash --------------------------------
  const workerUrl = url('worker.js');
  let worker = null;
  function startWorker() {
    if (worker) {
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate?.();
    }
    sampleButton.disabled = true;
    sampleSelfEmployedButton.disabled = true;
    const w = createWorker
      ? createWorker()
      : new Worker(policy ? policy.createScriptURL(workerUrl) : workerUrl, { type: 'module' });
    w.onmessage = ({ data }) => { if (w === worker) onWorkerMessage(data); };
    // A worker that dies outside our try/catch (a trap while starting, a script error).
    w.onerror = (e) => {
      e?.preventDefault?.();
      if (w === worker) crashed(e?.message);
    };
    worker = w;
  }

  // The way back (www/recovery.js): its files are made by the worker from the same files.
  const currentFiles = () => files.map((f) => f.file);
  const recovery = mountRecovery({
    post: (m) => worker.postMessage({ ...m, files: currentFiles(), today: today ?? localToday() }),
    rerun: () => run(),
  });

  function onWorkerMessage(data) {
    if (data.type === 'recovered') recovery.receive(data);
    else if (data.type === 'ready') {
      sampleButton.disabled = false;
      sampleSelfEmployedButton.disabled = false;
      if (container.dataset.state === 'loading') container.dataset.state = 'ready';
    } else if (data.type === 'progress' && data.id === checkId) {
      progressBar.max = Math.max(1, data.total);
      progressBar.value = data.done;
      const pct = data.total ? Math.round((100 * data.done) / data.total) : 100;
      progressLabel.textContent = `Reading your files… ${pct}%`;
    } else if (data.type === 'report' && data.id === checkId) {
      working = false;
      clearTimeout(progressTimer);
      progress.hidden = true;
      readAs = new Map();
      const keys = files.map((f) => f.key);
      const opened = data.opened ?? keys.map((_, i) => i);
      opened.forEach((i, n) => { if (keys[i] !== undefined) readAs.set(keys[i], n); });
      show(data.report);
      if (data.unopened?.length) {
        status.textContent = `Could not open ${data.unopened.map((u) => u.file).join(', ')} (a folder, or a file that moved?). Remove it and add it again.`;
      }
    } else if (data.type === 'error' && (data.id === undefined || data.id === checkId)) {
      if (data.fatal) {
        crashed(data.message);
        return;
      }
      working = false;
      clearTimeout(progressTimer);
      progress.hidden = true;
      container.dataset.state = 'error';
      status.textContent = `Something went wrong: ${data.message}`;
    }
  }

  /** The check's wasm died (out of memory, a bug): start afresh and say so plainly. */
  function crashed(message) {
    working = false;
    clearTimeout(progressTimer);
    progress.hidden = true;
    report = null;
    results.replaceChildren();
    results.hidden = true;
    startWorker();
    container.dataset.state = 'ready';
    renderFiles();
    status.textContent = 'The check stopped: these files were too much for this browser tab (it ran out of memory, or hit a fault). ' +
      'The checker has restarted and your list of files is kept. Remove the largest file, or add fewer statements at a time, and it checks again.' +
      (message ? ` (Details for support: ${message})` : '');
  }

  startWorker();

  /** Checks the whole set again (after every add or remove). */
  function run() {
    if (!files.length) return;
    checkId += 1;
    working = true;
    container.dataset.state = 'working';
    status.textContent = `Checking ${plural(files.length, 'file')}…`;
    progressBar.value = 0;
    // The bar shows at once for large files, and for small ones only if reading
    // takes a noticeable time (no flash for the usual few kilobytes).
    clearTimeout(progressTimer);
    const size = files.reduce((sum, f) => sum + f.file.size, 0);
    progressLabel.textContent = 'Reading your files…';
    if (size > 1024 * 1024) progress.hidden = false;
    else progressTimer = setTimeout(() => { progress.hidden = false; }, 150);
    worker.postMessage({ type: 'check', id: checkId, files: currentFiles(), today: today ?? localToday(), ...recovery.options() });
  }

  /** Adds files to the set (a file of the same name and size replaces its copy). */
  function add(list) {
    const added = [...list];
    if (!added.length) return;
    for (const file of added) {
      const same = files.findIndex((f) => f.file.name === file.name && f.file.size === file.size);
      if (same >= 0) files[same] = { key: nextKey++, file };
      else files.push({ key: nextKey++, file });
    }
    fileInput.value = '';
    report = null;
    renderFiles();
    run();
  }

  function remove(key) {
    const i = files.findIndex((f) => f.key === key);
    if (i < 0) return;
    const name = files[i].file.name;
    files.splice(i, 1);
    report = null;
    renderFiles();
    if (files.length) {
      run();
      status.textContent = `Removed ${name}. Checking the other ${plural(files.length, 'file')}…`;
    } else {
      stopWork();
      results.replaceChildren();
      results.hidden = true;
      container.dataset.state = 'ready';
      status.textContent = `Removed ${name}. Add files to check.`;
      fileInput.focus();
    }
  }

  /** Stops a check in progress: the worker is replaced, so its memory goes too. */
  function stopWork() {
    if (!working) return;
    working = false;
    checkId += 1;
    clearTimeout(progressTimer);
    progress.hidden = true;
    startWorker();
  }

  function cancel() {
    stopWork();
    container.dataset.state = 'cancelled';
    results.replaceChildren();
    results.hidden = true;
    status.textContent = 'Check cancelled. Your files are still listed: remove the one that takes too long, or add another, and the check runs again.';
    renderFiles();
  }

  // ---- input: picker, drag and drop, samples -----------------------------------------
  fileInput.addEventListener('change', () => add(fileInput.files));
  const stop = (e) => { e.preventDefault(); e.stopPropagation(); };
  dropZone.addEventListener('dragenter', (e) => { stop(e); dropZone.classList.add('qb-over'); });
  dropZone.addEventListener('dragover', (e) => {
    stop(e);
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    dropZone.classList.add('qb-over');
  });
  dropZone.addEventListener('dragleave', (e) => {
    if (!dropZone.contains(e.relatedTarget)) dropZone.classList.remove('qb-over');
  });
  dropZone.addEventListener('drop', (e) => {
    stop(e);
    dropZone.classList.remove('qb-over');
    add(e.dataTransfer?.files ?? []);
  });
  // A file dropped beside the zone must not make the browser open it.
  const rootDoc = root.ownerDocument ?? root;
  const guard = (e) => { if (e.dataTransfer?.types?.includes('Files')) e.preventDefault(); };
  rootDoc.defaultView?.addEventListener('dragover', guard);
  rootDoc.defaultView?.addEventListener('drop', guard);

  async function loadSamples(button, names) {
    button.disabled = true;
    try {
      const loaded = await Promise.all(
        names.map(async (name) => {
          if (loadSample) return loadSample(name);
          const res = await fetch(url(`samples/${name.split('/').map(encodeURIComponent).join('/')}`));
          if (!res.ok) throw new Error(`${name}: ${res.status}`);
          // The file as a person would have it: its own name, not the samples folder.
          return new File([await res.blob()], name.split('/').pop());
        }),
      );
      add(loaded);
    } catch (e) {
      status.textContent = `The sample files could not be loaded (${e.message}).`;
    } finally {
      button.disabled = false;
    }
  }
  sampleButton.addEventListener('click', () => loadSamples(sampleButton, SAMPLES));
  sampleSelfEmployedButton.addEventListener('click', () => loadSamples(sampleSelfEmployedButton, SAMPLES_SELF_EMPLOYED));

  // ---- output -------------------------------------------------------------------------
  /** The file set: each file with what it was read as and a remove button. */
  function renderFiles() {
    fileSet.hidden = files.length === 0;
    fileList.replaceChildren(...files.map(({ key, file }) => {
      const n = readAs.get(key);
      const f = report && n !== undefined ? report.files[n] : null;
      const what = f ? describeFile(f, report) : working ? 'Reading…' : 'Not checked yet';
      const role = f?.role ?? 'pending';
      const mine = f && f.role === 'statement' ? report.statements.filter((s) => s.file === f.file) : [];
      return h('li', { class: `qb-file qb-role-${role}`, 'data-role': role },
        icon(ICONS.file),
        h('div', { class: 'qb-file-body' },
          h('span', { class: 'qb-file-name' }, file.name),
          h('span', { class: 'qb-file-what' }, what),
          mine.map((s) => h('span', { class: 'qb-file-match' }, matchText(s, report)))),
        h('button', {
          type: 'button', class: 'qb-remove', 'aria-label': `Remove ${file.name}`, title: `Remove ${file.name}`,
          onclick: () => remove(key),
        }, icon(ICONS.x), h('span', { class: 'qb-remove-text' }, 'Remove')));
    }));
  }

  function show(r) {
    report = r;
    container.dataset.state = 'done';
    status.textContent = '';
    renderFiles();
    results.replaceChildren(...renderReport(r, { save, print, copy }));
    const recovered = recovery.render(r);
    if (recovered) results.append(recovered);
    results.hidden = false;
    results.focus({ preventScroll: true });
    results.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  }

  function save() {
    if (!report) return;
    // A Blob URL: the report goes from memory to the user's downloads, no network.
    const blob = new Blob([JSON.stringify(report, null, 2) + '\n'], { type: 'application/json' });
    const href = URL.createObjectURL(blob);
    const a = h('a', { href, download: `error-324-report-${report.today ?? localToday()}.json`, hidden: true });
    container.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 1000);
  }

  function print() {
    (root.ownerDocument ?? document).defaultView.print();
  }

  /** "Copy summary for my accountant": plain text, no transactions, numbers masked. */
  async function copy(button) {
    if (!report) return;
    const text = summaryText(report);
    const note = results.querySelector('.qb-copy-note');
    try {
      await navigator.clipboard.writeText(text);
      if (note) note.textContent = 'Copied. Paste it into an email or message to your accountant.';
    } catch {
      // No clipboard (an old browser, a frame without permission): show it to copy by hand.
      const area = h('textarea', { class: 'qb-copy-text', readonly: true, rows: 10, 'aria-label': 'Summary for your accountant' });
      area.value = text;
      note?.replaceChildren('Select the text below and copy it:', area);
      area.select();
    }
    button?.focus?.();
  }

  function forget() {
    stopWork();
    report = null;
    files = [];
    readAs = new Map();
    recovery.forget();
    checkId += 1; // a check still running is ignored when it answers
    fileInput.value = '';
    results.replaceChildren();
    results.hidden = true;
    renderFiles();
    container.dataset.state = 'ready';
    status.textContent = 'Everything is forgotten: no file or report is left in this page.';
    fileInput.focus();
  }

  return {
    element: container,
    /** The report on show, or null. */
    get report() { return report; },
    /** The files in the set, in order. */
    get files() { return files.map((f) => f.file); },
    add,
    check: add,
    forget,
    cancel,
  };
}

/**
 * The verdict: its state (likely / possible / clear / incomplete / unchecked), a
 * heading and a sentence. Green ("clear") only when a chart and a statement were read
 * and nothing fired; the core decides "nothing could be read" (verdict `unchecked`).
 */
export function verdictText(r) {
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  const missing = missingText(r);
  if (r.verdict === 'likely') {
    return ['likely', 'Error 324 is likely',
      `Your files show ${plural(errors, 'problem')} that make${errors === 1 ? 's' : ''} QuickBooks lose track of a bank account${warnings ? ` (and ${warnings} more worth checking)` : ''}. Work through the plan below, in order.${missing ? ` ${missing}` : ''}`];
  }
  if (r.verdict === 'possible') {
    return ['possible', 'Error 324 is possible',
      `Your files show ${plural(warnings, 'sign')} that can lead to Error 324. The plan below says what to do about ${warnings === 1 ? 'it' : 'them'}.${missing ? ` ${missing}` : ''}`];
  }
  if (r.verdict === 'unchecked') {
    // Whether each file could be read is the core's word (files[].readable), as the
    // text report and the CLI's exit status take it.
    return r.files.some((f) => f.readable)
      ? ['unchecked', 'Could not check: no chart or statement',
        'These files were read, but none of them holds a QuickBooks chart of accounts or a bank statement, so nothing was checked. The list of files says what each one holds; the box above says which files to add.']
      : ['unchecked', 'Could not check: nothing readable',
        'None of these files could be read as a QuickBooks chart of accounts or a bank statement, so nothing was checked. The list of files says why for each one; the box above says which files to add.'];
  }
  if (!r.complete) {
    return ['incomplete', 'Could not check everything', `Nothing found so far, but the check is not complete. ${missing}`];
  }
  return ['clear', 'Checked: no known cause of Error 324',
    'Your chart of accounts and statements show none of the known causes of Error 324. The bank’s side and the browser cannot be checked from files: if QuickBooks still shows the error, the steps below are worth trying.'];
}

/** What the check lacks, and what that leaves unchecked. */
function missingText(r) {
  const notChecked = (r.checked ?? []).filter((c) => c.status === 'not_checked').length;
  const left = notChecked ? ` ${plural(notChecked, 'check')} of ${count((r.checked ?? []).length)} could not run.` : '';
  if (!r.chart && r.statements.length) {
    return `Add your chart of accounts: without it the statements cannot be matched to QuickBooks accounts (new card numbers, inactive or unknown accounts).${left}`;
  }
  if (r.chart && !r.statements.length) {
    return `Add your bank or card statements: without them account numbers, closed accounts and stopped feeds cannot be checked.${left}`;
  }
  return '';
}

function describeFile(f, r) {
  if (f.role === 'chart') {
    const fmt = FORMAT_LABEL[f.format] ?? 'chart of accounts';
    const used = !r.chart || r.chart.file === f.file;
    return [`Read as your chart of accounts: ${fmt}`, f.accounts != null ? `, ${plural(f.accounts, 'account')}` : '',
      used ? '' : ' (a second chart: only the first one is used)'].join('');
  }
  if (f.role === 'statement') {
    const mine = r.statements.filter((s) => s.file === f.file);
    const fmt = FORMAT_LABEL[f.format] ?? 'statement';
    if (!mine.length) {
      const why = r.problems.find((p) => p.file === f.file);
      return `Read as a ${fmt}, but it holds no statement${why ? `: ${why.message}` : ''}`;
    }
    // Dates never break at their hyphens.
    const date = (d) => h('span', { class: 'qb-nowrap' }, d);
    return mine.flatMap((s, i) => {
      const kind = KIND_LABEL[s.kind] ?? 'account';
      const num = s.account_last4 ? ` ending ${s.account_last4}` : '';
      const at = s.bank ? ` at ${s.bank}` : '';
      const range = s.first_date && s.last_date ? [', ', date(s.first_date), ' to ', date(s.last_date)] : [];
      const balance = s.ending_balance ? `, ending balance ${money(s.ending_balance, s.currency)}` : '';
      return [i ? '; ' : `Read as a ${fmt}: `, `${kind}${num}${at}, ${plural(s.transactions, 'transaction')}`, ...range, balance];
    });
  }
  const why = r.problems.find((p) => p.file === f.file && p.severity === 'error') ??
    r.problems.find((p) => p.file === f.file);
  if (f.readable) {
    return `Read, but it holds no chart of accounts or statement${why ? `: ${why.message}` : '.'}`;
  }
  return `Could not be read: ${why ? why.message : 'this is not a chart of accounts or a statement the checker knows.'}`;
}

function matchText(s, r) {
  if (!r.chart) return 'Add your chart of accounts to see which QuickBooks account this is.';
  const because = s.because ? ` (${s.because})` : '';
  const sure = confidenceWords(s.confidence);
  if (!s.matched_account && s.possible_accounts?.length) {
    return `Not matched by number; could be ${s.possible_accounts.map((a) => `“${a}”`).join(' or ')} (the chart carries no bank numbers to tell).`;
  }
  if (!s.matched_account) return 'No account in the chart matches it.';
  if (s.because) {
    return `${sure && sure !== 'almost certain' ? `${sure[0].toUpperCase()}${sure.slice(1)} ` : ''}QuickBooks account “${s.matched_account}”${because}.`;
  }
  if (s.match_kind === 'only_candidate') {
    return `Probably QuickBooks account “${s.matched_account}” (the only account of that kind without a number).`;
  }
  return s.match_kind === 'likely'
    ? `Probably QuickBooks account “${s.matched_account}” (same bank and kind, but no number agrees).`
    : `Matches QuickBooks account “${s.matched_account}” (the numbers agree).`;
}

/** The chart's bank and card accounts: what QuickBooks will try to match the bank to. */
function renderBankAccounts(chart) {
  const list = chart.bank_accounts ?? [];
  if (!list.length) return null;
  const id = 'qb-accounts-list';
  const ul = h('ul', { class: 'qb-accounts-list', id, hidden: list.length > 6 },
    list.map((a) => h('li', {},
      h('span', { class: 'qb-account-name' }, a.name),
      h('span', { class: 'qb-account-meta' },
        [a.type, a.number_last4 ? `number ending ${a.number_last4}` : 'no number', a.active ? null : 'inactive']
          .filter(Boolean).join(' · ')))));
  // A button, not <details>: printing shows every account whatever the toggle says.
  const toggle = list.length > 6
    ? h('button', { type: 'button', class: 'qb-link', 'aria-expanded': 'false', 'aria-controls': id }, `Show all ${count(list.length)}`)
    : null;
  toggle?.addEventListener('click', () => {
    ul.hidden = !ul.hidden;
    toggle.setAttribute('aria-expanded', String(!ul.hidden));
    toggle.textContent = ul.hidden ? `Show all ${count(list.length)}` : 'Hide';
  });
  return h('section', { class: 'qb-block qb-accounts', 'aria-labelledby': 'qb-accounts-title' },
    h('div', { class: 'qb-fileset-head' },
      h('h2', { id: 'qb-accounts-title' }, `Bank and card accounts in your chart (${count(list.length)})`), toggle),
    ul);
}

/** The plan (SPEC §5): the page's main content, each step once, with a checkbox. */
function renderPlan(r) {
  const steps = r.plan ?? [];
  if (!steps.length) return null;
  const acting = r.verdict === 'likely' || r.verdict === 'possible';
  const title = acting ? 'What to do, in this order' : 'Worth trying even so';
  return h('section', { class: 'qb-block qb-plan', 'aria-labelledby': 'qb-plan-title' },
    h('h2', { id: 'qb-plan-title' }, title),
    h('p', { class: 'qb-plan-for' }, `Menu names for ${EDITION_LABEL[r.edition] ?? EDITION_LABEL.unknown}. Tick each step as you finish it.`),
    h('ol', { class: 'qb-steps' }, steps.map((s, i) => {
      const box = `qb-step-${i + 1}`;
      const [first, ...rest] = s.text.split('\n');
      return h('li', { class: 'qb-step', 'data-step-id': s.id, 'data-step': s.step ?? '' },
        h('div', { class: 'qb-step-head' },
          h('input', { type: 'checkbox', id: box, class: 'qb-check' }),
          h('label', { for: box, class: 'qb-step-title' }, h('span', { class: 'qb-step-n' }, `${i + 1}.`), ' ', s.title)),
        h('div', { class: 'qb-step-body' },
          [first, ...rest].map((p) => h('p', { class: /^In QuickBooks/.test(p) ? 'qb-menu' : null }, p)),
          s.accounts?.length
            ? h('p', { class: 'qb-step-accounts' }, h('span', {}, s.accounts.length === 1 ? 'Account: ' : 'Accounts: '),
              s.accounts.map((a) => h('span', { class: 'qb-chip' }, a)))
            : null));
    })));
}

/** "What we checked": each SPEC §4 check, found / clear / not checked, and why. */
function renderChecked(r) {
  const list = r.checked ?? [];
  if (!list.length) return null;
  const word = { found: 'Found', clear: 'Checked, nothing found', not_checked: 'Could not check' };
  // Nothing could run, all for one reason: say it once, not thirteen times.
  const whys = new Set(list.map((c) => c.why));
  if (list.every((c) => c.status === 'not_checked') && whys.size === 1) {
    return h('section', { class: 'qb-block qb-checked', 'aria-labelledby': 'qb-checked-title' },
      h('h2', { id: 'qb-checked-title' }, 'What we checked'),
      h('p', { class: 'qb-checked-none', 'data-status': 'not_checked' },
        `None of the ${count(list.length)} checks could run. ${list[0].why}`));
  }
  return h('section', { class: 'qb-block qb-checked', 'aria-labelledby': 'qb-checked-title' },
    h('h2', { id: 'qb-checked-title' }, 'What we checked'),
    h('ul', { class: 'qb-checked-list' }, list.map((c) => h('li', { class: `qb-check-${c.status}`, 'data-check': c.code, 'data-status': c.status },
      icon(c.status === 'found' ? ICONS.warning : c.status === 'clear' ? ICONS.ok : ICONS.question),
      h('span', {}, h('strong', {}, c.title ?? c.code), ' ', h('span', { class: 'qb-check-status' }, `· ${word[c.status] ?? c.status}`),
        h('span', { class: 'qb-check-why' }, c.why))))));
}

function renderFinding(f, index, r) {
  const sev = ['error', 'warning', 'info'].includes(f.severity) ? f.severity : 'info';
  const facts = [];
  if (f.accounts?.length) facts.push(h('div', {}, h('dt', {}, f.accounts.length === 1 ? 'Account' : 'Accounts'),
    h('dd', {}, f.accounts.join(' · '))));
  if (f.statement) facts.push(h('div', {}, h('dt', {}, 'Statement'), h('dd', {}, f.statement)));
  const steps = (r.plan ?? []).map((s, i) => (s.findings.includes(index) ? i + 1 : null)).filter(Boolean);
  if (steps.length) {
    facts.push(h('div', {}, h('dt', {}, 'What to do'),
      h('dd', {}, `${steps.length === 1 ? 'Step' : 'Steps'} ${steps.join(' and ').replace(/ and (?=.* and )/g, ', ')} of the plan`)));
  }
  const evidence = f.evidence?.length
    ? h('details', { class: 'qb-evidence', open: f.evidence.length <= 4 },
      h('summary', {}, `Where this shows in your files (${f.evidence.length})`),
      h('p', { class: 'qb-evidence-note' }, 'Each line as the file writes it. In bank downloads, FID, ORG and INTU.BID are the bank’s ids for itself, ACCTID is the account or card number (shown here with only its last four digits) and FITID is the bank’s id for one transaction.'),
      h('div', { class: 'qb-table-wrap' },
        h('table', {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'File'), h('th', { scope: 'col' }, 'Line'),
            h('th', { scope: 'col' }, 'What it says'))),
          h('tbody', {}, f.evidence.map((e) => h('tr', {},
            h('td', {}, e.file), h('td', { class: 'qb-num' }, e.line ?? '—'), h('td', {}, h('code', {}, e.excerpt))))))))
    : null;
  const sure = confidenceWords(f.confidence);
  return h(
    'article',
    { class: `qb-finding qb-sev-${sev}`, 'data-code': f.code, 'data-severity': f.severity },
    h('header', { class: 'qb-finding-head' },
      icon(ICONS[sev]),
      h('span', { class: 'qb-badge' }, SEVERITY_LABEL[sev]),
      h('h3', { class: 'qb-finding-title' }, f.title)),
    h('p', { class: 'qb-detail' }, f.detail),
    facts.length ? h('dl', { class: 'qb-facts' }, facts) : null,
    evidence,
    h('p', { class: 'qb-code' }, `${sure ? `The checker is ${sure} about this. ` : ''}For support staff: `, h('code', {}, f.code)),
  );
}

/** The whole report as DOM nodes; `actions` wires the toolbar. */
export function renderReport(r, actions) {
  const [state, heading, sentence] = verdictText(r);
  const verdictIcon = state === 'likely' ? ICONS.error : state === 'possible' || state === 'incomplete' ? ICONS.warning
    : state === 'unchecked' ? ICONS.question : ICONS.ok;
  const out = [];
  const name = r.chart?.company ?? r.chart?.file ?? r.statements[0]?.file ?? 'your files';
  out.push(h('div', { class: 'qb-print-head' },
    h('p', { class: 'qb-print-title' }, `QuickBooks Error 324: plan for ${name}`),
    h('p', {}, `Checked on ${r.today ?? localToday()}`)));
  out.push(h('div', { class: `qb-verdict qb-verdict-${state}`, 'data-verdict': r.verdict, 'data-state': state, 'data-complete': String(!!r.complete) },
    icon(verdictIcon, 'qb-icon qb-verdict-icon'),
    h('div', {}, h('h2', { id: 'qb-verdict-title' }, heading), h('p', {}, sentence))));

  out.push(h('div', { class: 'qb-toolbar', role: 'group', 'aria-label': 'Report actions' },
    h('button', { type: 'button', class: 'qb-button', onclick: (e) => actions.copy(e.currentTarget) }, 'Copy summary for my accountant'),
    h('button', { type: 'button', class: 'qb-button', onclick: actions.print }, 'Print the plan'),
    h('button', { type: 'button', class: 'qb-button', onclick: actions.save }, 'Save report for support (JSON)')));
  out.push(h('p', { class: 'qb-copy-note', role: 'status', 'aria-live': 'polite' }));

  out.push(renderPlan(r));

  const findings = r.findings;
  if (findings.length) {
    out.push(h('section', { class: 'qb-block qb-found', 'aria-labelledby': 'qb-findings-title' },
      h('h2', { id: 'qb-findings-title' }, `What we found (${findings.length})`),
      h('div', { class: 'qb-findings' }, findings.map((f, i) => renderFinding(f, i, r)))));
  }
  out.push(renderChecked(r));
  if (r.chart) out.push(renderBankAccounts(r.chart));

  if (r.problems.length) {
    out.push(h('section', { class: 'qb-block qb-problems-block', 'aria-labelledby': 'qb-problems-title' },
      h('h2', { id: 'qb-problems-title' }, `Problems reading the files (${r.problems.length})`),
      h('ul', { class: 'qb-problems' }, r.problems.map((p) =>
        h('li', { class: `qb-problem qb-sev-${p.severity}`, 'data-problem': p.kind, 'data-severity': p.severity },
          h('span', { class: 'qb-problem-where' }, p.line ? `${p.file}, line ${p.line}` : p.file),
          h('span', {}, p.message))))));
  }
  out.push(h('p', { class: 'qb-footnote' },
    r.today ? `Checked as of ${r.today}. ` : '',
    'This report stays in this tab until you close it or choose “Forget everything”.'));
  return out.filter(Boolean);
}

/** Plain text for an accountant: the verdict, the plan, the findings' titles, what was not checked. */
export function summaryText(r) {
  const [, heading, sentence] = verdictText(r);
  const lines = [`QuickBooks Error 324 check${r.today ? ` (${r.today})` : ''}`, '', `${heading}. ${sentence}`, ''];
  if (r.plan?.length) {
    lines.push(r.verdict === 'likely' || r.verdict === 'possible' ? 'What to do, in this order:' : 'Worth trying even so:');
    r.plan.forEach((s, i) => {
      lines.push(`${i + 1}. ${s.title}`);
      for (const p of s.text.split('\n')) lines.push(`   ${p}`);
    });
    lines.push('');
  }
  if (r.findings.length) {
    lines.push('What the files show:');
    for (const f of r.findings) lines.push(`- ${SEVERITY_LABEL[f.severity] ?? f.severity}: ${f.title}`);
    lines.push('');
  }
  const missing = (r.checked ?? []).filter((c) => c.status === 'not_checked');
  if (missing.length) {
    lines.push('Not checked:');
    for (const c of missing) lines.push(`- ${c.title}: ${c.why}`);
    lines.push('');
  }
  lines.push('Made in the browser with the Error 324 checker; the files never left this computer.');
  // Numbers are masked by the core already; mask any long digit run left, to be sure.
  return lines.join('\n').replace(/\d[\d -]{6,}\d/g, (m) => {
    const digits = m.replace(/\D/g, '');
    return digits.length >= 8 && !/^(19|20)\d{6}/.test(digits) && !/^\d{4}-\d{2}-\d{2}$/.test(m) ? `…${digits.slice(-4)}` : m;
  });
}
