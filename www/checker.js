// The checker widget: drop zone, file picker, progress, and the report as the user
// reads it. Used by the page (index.html, via app.js) and by the <qb324-checker>
// custom element (inside its shadow root).
//
// Safety: everything that comes from a file (names, excerpts, messages that quote it)
// is put in the page as text (createTextNode / textContent), never as HTML. The page's
// CSP also requires Trusted Types, so an HTML sink would throw rather than render.
//
// Privacy: files go to the Worker and nowhere else; the report lives in a variable
// until "Forget everything" or the tab closes. Nothing is stored.

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

/** SPEC §1's fix steps, in the page's own words. */
export const FIX_STEPS = {
  1: {
    title: 'Refresh the bank connection',
    text: 'In QuickBooks, open Banking (Transactions → Bank transactions), pick the account and choose Update. Give it a few minutes, then look again: many 324 errors clear once the bank answers.',
  },
  2: {
    title: 'Give every account a name of its own',
    text: 'In Settings → Chart of accounts, rename accounts whose names are the same or nearly the same, so each bank and credit-card account is unique. Adding the last four digits helps, for example “Checking x4821”.',
  },
  3: {
    title: 'Reconnect and link the right account',
    text: 'Use the account’s “Fix now” or update prompt, sign in to your bank and share all of your accounts when it asks. Then link the bank’s current account to the QuickBooks account you already have: your history and bank rules stay. Only if that fails, disconnect the account, connect it again and link it to the same QuickBooks account.',
  },
  4: {
    title: 'Check the account with your bank',
    text: 'Ask your bank to confirm the account or card is open and active and that its number has not changed. A replacement card, a new account number or a move to a new banking system all change what QuickBooks has to look for.',
  },
  5: {
    title: 'Clear your browser’s cache, or try another browser',
    text: 'Clear the cache and cookies for QuickBooks, or sign in from another browser or a private window. Old saved pages can keep showing an error that is already fixed.',
  },
};

const SEVERITY_LABEL = { error: 'Needs fixing', warning: 'Worth checking', info: 'Good to know' };

const FORMAT_LABEL = {
  'qbo-csv': 'QuickBooks Online export (CSV)',
  'qbo-xlsx': 'QuickBooks Online export (Excel)',
  'desktop-csv': 'QuickBooks Desktop report (CSV)',
  'desktop-xlsx': 'QuickBooks Desktop report (Excel)',
  iif: 'QuickBooks Desktop IIF',
  'ofx-sgml': 'OFX / QFX / QBO',
  'ofx-xml': 'OFX (XML)',
  'ofx-no-header': 'OFX',
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
  file: ['M6 3h8l4 4v14H6z', 'M14 3v4h4'],
};

function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** Today in the browser's own time zone, as YYYY-MM-DD (the core has no clock). */
export function localToday(now = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/**
 * Mounts the checker into `root` (an element or a shadow root).
 * Options: `base` (URL the worker, wasm and samples are found relative to),
 * `today` (YYYY-MM-DD; default the browser's today). The saved single-file copy
 * (qb324-offline.html, scripts/standalone.mjs) has nothing to fetch, so it passes
 * `createWorker` (returns an object with postMessage/onmessage, like a Worker) and
 * `loadSample` (name → File) instead.
 */
export function mountChecker(root, { base = import.meta.url, today, createWorker, loadSample } = {}) {
  const url = (p) => new URL(p, base).href;
  let report = null;
  let checkId = 0;
  let progressTimer = 0;

  // ---- the static part ------------------------------------------------------------
  const fileInput = h('input', {
    type: 'file',
    multiple: true,
    id: 'qb-file',
    class: 'qb-file-input',
    'aria-describedby': 'qb-drop-help',
  });
  const sampleButton = h('button', { type: 'button', class: 'qb-button', disabled: true }, 'Try sample files');
  const dropZone = h(
    'section',
    { class: 'qb-drop', 'aria-labelledby': 'qb-drop-title' },
    icon(ICONS.upload, 'qb-icon qb-drop-icon'),
    h('h2', { id: 'qb-drop-title', class: 'qb-drop-title' }, 'Drop your files here'),
    h(
      'p',
      { id: 'qb-drop-help', class: 'qb-drop-help' },
      'Your QuickBooks chart of accounts and your bank or card statements, all at once and in any order. ',
      'CSV, Excel, IIF, OFX, QFX or QBO.',
    ),
    h(
      'div',
      { class: 'qb-actions' },
      fileInput,
      h('label', { for: 'qb-file', class: 'qb-button qb-primary' }, 'Choose files…'),
      sampleButton,
    ),
    h(
      'p',
      { class: 'qb-privacy' },
      icon(ICONS.lock),
      h('span', {}, h('strong', {}, 'Your files never leave this device.'),
        ' They are read by this browser tab, on your computer. Nothing is uploaded, stored or tracked.'),
    ),
  );

  const progressBar = h('progress', { id: 'qb-progress-bar', max: 1, value: 0 });
  const progressLabel = h('span', { class: 'qb-progress-text' }, 'Reading your files…');
  const progress = h(
    'div',
    { class: 'qb-progress', hidden: true, role: 'status' },
    h('label', { for: 'qb-progress-bar' }, progressLabel),
    progressBar,
  );

  const status = h('p', { class: 'qb-status', role: 'status', 'aria-live': 'polite' });
  const results = h('section', { class: 'qb-results', hidden: true, 'aria-labelledby': 'qb-verdict-title', tabindex: '-1' });

  const container = h('div', { class: 'qb', 'data-state': 'loading' }, dropZone, progress, status, results);
  root.append(container);

  // ---- the worker -------------------------------------------------------------------
  const workerUrl = url('worker.js');
  const worker = createWorker
    ? createWorker()
    : new Worker(policy ? policy.createScriptURL(workerUrl) : workerUrl, { type: 'module' });
  // The way back (www/recovery.js): its files are made by the worker from the same files.
  let lastFiles = [];
  const recovery = mountRecovery({
    post: (m) => worker.postMessage({ ...m, files: lastFiles, today: today ?? localToday() }),
    rerun: () => run(lastFiles),
  });
  worker.onmessage = ({ data }) => {
    if (data.type === 'recovered') recovery.receive(data);
    else if (data.type === 'ready') {
      container.dataset.state = 'ready';
      sampleButton.disabled = false;
    } else if (data.type === 'progress' && data.id === checkId) {
      progressBar.max = Math.max(1, data.total);
      progressBar.value = data.done;
      const pct = data.total ? Math.round((100 * data.done) / data.total) : 100;
      progressLabel.textContent = `Reading your files… ${pct}%`;
    } else if (data.type === 'report' && data.id === checkId) {
      clearTimeout(progressTimer);
      progress.hidden = true;
      show(data.report);
      if (data.unopened?.length) {
        status.textContent = `Could not open ${data.unopened.map((u) => u.file).join(', ')} (a folder, or a file that moved?).`;
      }
    } else if (data.type === 'error' && (data.id === undefined || data.id === checkId)) {
      clearTimeout(progressTimer);
      progress.hidden = true;
      container.dataset.state = 'error';
      status.textContent = `Something went wrong: ${data.message}`;
    }
  };

  function run(files) {
    if (!files.length) return;
    lastFiles = [...files];
    checkId += 1;
    container.dataset.state = 'working';
    status.textContent = `Checking ${plural(files.length, 'file')}…`;
    progressBar.value = 0;
    // The bar shows at once for large files, and for small ones only if reading
    // takes a noticeable time (no flash for the usual few kilobytes).
    clearTimeout(progressTimer);
    const size = [...files].reduce((sum, f) => sum + f.size, 0);
    progressLabel.textContent = 'Reading your files…';
    if (size > 1024 * 1024) progress.hidden = false;
    else progressTimer = setTimeout(() => { progress.hidden = false; }, 150);
    worker.postMessage({ type: 'check', id: checkId, files: [...files], today: today ?? localToday(), ...recovery.options() });
  }

  // ---- input: picker, drag and drop, samples -----------------------------------------
  fileInput.addEventListener('change', () => run(fileInput.files));
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
    run(e.dataTransfer?.files ?? []);
  });
  // A file dropped beside the zone must not make the browser open it.
  const rootDoc = root.ownerDocument ?? root;
  const guard = (e) => { if (e.dataTransfer?.types?.includes('Files')) e.preventDefault(); };
  rootDoc.defaultView?.addEventListener('dragover', guard);
  rootDoc.defaultView?.addEventListener('drop', guard);

  sampleButton.addEventListener('click', async () => {
    sampleButton.disabled = true;
    try {
      const files = await Promise.all(
        SAMPLES.map(async (name) => {
          if (loadSample) return loadSample(name);
          const res = await fetch(url(`samples/${encodeURIComponent(name)}`));
          if (!res.ok) throw new Error(`${name}: ${res.status}`);
          return new File([await res.blob()], name);
        }),
      );
      run(files);
    } catch (e) {
      status.textContent = `The sample files could not be loaded (${e.message}).`;
    } finally {
      sampleButton.disabled = false;
    }
  });

  // ---- output -------------------------------------------------------------------------
  function show(r) {
    report = r;
    container.dataset.state = 'done';
    status.textContent = '';
    results.replaceChildren(...renderReport(r, { save, print, forget }));
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
    const a = h('a', { href, download: `qb324-report-${report.today ?? localToday()}.json`, hidden: true });
    container.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 1000);
  }

  function print() {
    (root.ownerDocument ?? document).defaultView.print();
  }

  function forget() {
    report = null;
    lastFiles = [];
    recovery.forget();
    checkId += 1; // a check still running is ignored when it answers
    clearTimeout(progressTimer);
    fileInput.value = '';
    results.replaceChildren();
    results.hidden = true;
    progress.hidden = true;
    container.dataset.state = 'ready';
    status.textContent = 'Everything is forgotten: no file or report is left in this page.';
    fileInput.focus();
  }

  return {
    element: container,
    /** The report on show, or null. */
    get report() { return report; },
    check: run,
    forget,
  };
}

/** The verdict in one sentence (and a short heading). */
export function verdictText(r) {
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  const readable = r.files.some((f) => f.role !== 'unknown');
  if (r.verdict === 'likely') {
    return ['Error 324 is likely',
      `Your files show ${plural(errors, 'problem')} that make${errors === 1 ? 's' : ''} QuickBooks lose track of a bank account${warnings ? ` (and ${warnings} more worth checking)` : ''}: the steps below fix ${errors === 1 ? 'it' : 'them'}.`];
  }
  if (r.verdict === 'possible') {
    return ['Error 324 is possible',
      `Your files show ${plural(warnings, 'sign')} that can lead to Error 324; each one is worth checking with the steps below.`];
  }
  if (!readable) {
    return ['Nothing to check yet', 'None of these files could be read; the list below says why for each one.'];
  }
  // Say what the check could not cover, so "no cause" is not read as more than it is.
  const missing = !r.chart
    ? ' Add your chart of accounts too: without it the statements cannot be matched to QuickBooks accounts.'
    : !r.statements.length
      ? ' Add your bank statements too: without them account numbers and feeds cannot be checked.'
      : '';
  return ['No known cause found',
    `Your files show none of the known Error 324 triggers; if QuickBooks still shows the error, refresh the connection and clear the browser cache (steps below).${missing}`];
}

function describeFile(f, r) {
  if (f.role === 'chart') {
    const fmt = FORMAT_LABEL[f.format] ?? f.format ?? 'chart';
    return [`Chart of accounts · ${fmt}`, f.accounts != null ? ` · ${plural(f.accounts, 'account')}` : ''].join('');
  }
  if (f.role === 'statement') {
    const mine = r.statements.filter((s) => s.file === f.file);
    if (!mine.length) return `Statement · ${FORMAT_LABEL[f.format] ?? f.format ?? ''}`;
    // Dates never break at their hyphens.
    const date = (d) => h('span', { class: 'qb-nowrap' }, d);
    return mine.flatMap((s, i) => {
      const kind = KIND_LABEL[s.kind] ?? 'account';
      const num = s.account_last4 ? ` …${s.account_last4}` : '';
      const range = s.first_date && s.last_date ? [', ', date(s.first_date), ' to ', date(s.last_date)] : [];
      return [i ? '; ' : '', `Statement for ${kind}${num} · ${plural(s.transactions, 'transaction')}`, ...range];
    });
  }
  const why = r.problems.find((p) => p.file === f.file && p.severity === 'error') ??
    r.problems.find((p) => p.file === f.file);
  return `Unreadable: ${why ? why.message : 'this is not a file qb324 knows how to read.'}`;
}

function matchText(s) {
  if (!s.matched_account && s.possible_accounts?.length) {
    return `Not matched by number; could be ${s.possible_accounts.map((a) => `“${a}”`).join(' or ')} (the chart carries no bank numbers to tell).`;
  }
  if (!s.matched_account) return 'No account in the chart matches it.';
  if (s.match_kind === 'only_candidate') {
    return `Probably QuickBooks account “${s.matched_account}” (the only account of that kind without a number).`;
  }
  return s.match_kind === 'likely'
    ? `Probably QuickBooks account “${s.matched_account}” (same bank and kind, but no number agrees).`
    : `Matches QuickBooks account “${s.matched_account}”.`;
}

/** The chart's bank and card accounts: what QuickBooks will try to match the bank to. */
function renderBankAccounts(chart) {
  const list = chart.bank_accounts ?? [];
  if (!list.length) return null;
  return h('details', { class: 'qb-bank-accounts' },
    h('summary', {}, `Bank and card accounts in this chart (${list.length})`),
    h('ul', {}, list.map((a) => h('li', {},
      h('span', { class: 'qb-account-name' }, a.name),
      h('span', { class: 'qb-account-meta' },
        [a.type, a.number_last4 ? `…${a.number_last4}` : 'no number', a.active ? null : 'inactive']
          .filter(Boolean).join(' · '))))));
}

function renderSteps(numbers) {
  return h(
    'ol',
    { class: 'qb-steps' },
    numbers.filter((n) => FIX_STEPS[n]).map((n) =>
      h('li', { value: n, 'data-step': n },
        h('strong', {}, FIX_STEPS[n].title), ' ', h('span', {}, FIX_STEPS[n].text))),
  );
}

function renderFinding(f) {
  const sev = ['error', 'warning', 'info'].includes(f.severity) ? f.severity : 'info';
  const facts = [];
  if (f.accounts?.length) facts.push(h('div', {}, h('dt', {}, f.accounts.length === 1 ? 'Account' : 'Accounts'),
    h('dd', {}, f.accounts.join(' · '))));
  if (f.statement) facts.push(h('div', {}, h('dt', {}, 'Statement'), h('dd', {}, f.statement)));
  const evidence = f.evidence?.length
    ? h('details', { class: 'qb-evidence', open: f.evidence.length <= 4 },
      h('summary', {}, `Where this shows in your files (${f.evidence.length})`),
      h('div', { class: 'qb-table-wrap' },
        h('table', {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'File'), h('th', { scope: 'col' }, 'Line'),
            h('th', { scope: 'col' }, 'What it says'))),
          h('tbody', {}, f.evidence.map((e) => h('tr', {},
            h('td', {}, e.file), h('td', { class: 'qb-num' }, e.line ?? '—'), h('td', {}, h('code', {}, e.excerpt))))))))
    : null;
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
    f.fix_steps?.length
      ? h('div', { class: 'qb-fix' }, h('h4', {}, 'How to fix it'), renderSteps(f.fix_steps))
      : null,
    h('p', { class: 'qb-code' }, 'Code: ', h('code', {}, f.code)),
  );
}

/** The whole report as DOM nodes; `actions` wires the toolbar. */
export function renderReport(r, actions) {
  const [heading, sentence] = verdictText(r);
  const verdictIcon = r.verdict === 'likely' ? ICONS.error : r.verdict === 'possible' ? ICONS.warning : ICONS.ok;
  const out = [];
  out.push(h('div', { class: `qb-verdict qb-verdict-${r.verdict}`, 'data-verdict': r.verdict },
    icon(verdictIcon, 'qb-icon qb-verdict-icon'),
    h('div', {}, h('h2', { id: 'qb-verdict-title' }, heading), h('p', {}, sentence))));

  out.push(h('div', { class: 'qb-toolbar', role: 'group', 'aria-label': 'Report actions' },
    h('button', { type: 'button', class: 'qb-button', onclick: actions.save }, 'Save report'),
    h('button', { type: 'button', class: 'qb-button', onclick: actions.print }, 'Print'),
    h('button', { type: 'button', class: 'qb-button qb-danger', onclick: actions.forget }, 'Forget everything')));

  out.push(h('section', { class: 'qb-block', 'aria-labelledby': 'qb-files-title' },
    h('h2', { id: 'qb-files-title' }, 'Your files'),
    h('ul', { class: 'qb-files' }, r.files.map((f) => {
      const mine = r.statements.filter((s) => s.file === f.file);
      return h('li', { class: `qb-file qb-role-${f.role}`, 'data-role': f.role },
        icon(ICONS.file),
        h('div', {},
          h('span', { class: 'qb-file-name' }, f.file),
          h('span', { class: 'qb-file-what' }, describeFile(f, r)),
          f.role === 'statement' ? mine.map((s) => h('span', { class: 'qb-file-match' }, matchText(s))) : null,
          f.role === 'chart' && r.chart?.file === f.file ? renderBankAccounts(r.chart) : null));
    }))));

  const findings = r.findings;
  out.push(h('section', { class: 'qb-block', 'aria-labelledby': 'qb-findings-title' },
    h('h2', { id: 'qb-findings-title' }, findings.length ? `What we found (${findings.length})` : 'What we found'),
    findings.length
      ? h('div', { class: 'qb-findings' }, findings.map(renderFinding))
      : h('div', { class: 'qb-finding qb-sev-ok' },
        h('p', { class: 'qb-detail' }, 'None of the known causes of Error 324 shows in these files. Two steps help even so:'),
        renderSteps([1, 5]))));

  if (r.problems.length) {
    out.push(h('section', { class: 'qb-block', 'aria-labelledby': 'qb-problems-title' },
      h('h2', { id: 'qb-problems-title' }, `Problems reading the files (${r.problems.length})`),
      h('ul', { class: 'qb-problems' }, r.problems.map((p) =>
        h('li', { class: `qb-problem qb-sev-${p.severity}`, 'data-problem': p.kind, 'data-severity': p.severity },
          h('span', { class: 'qb-problem-where' }, p.line ? `${p.file}, line ${p.line}` : p.file),
          h('span', {}, p.message))))));
  }
  out.push(h('p', { class: 'qb-footnote' },
    r.today ? `Checked as of ${r.today}. ` : '',
    'This report stays in this tab until you close it or choose “Forget everything”.'));
  return out;
}
