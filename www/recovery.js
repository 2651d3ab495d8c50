// The way back (SPEC §5 `recovery`): for each account QuickBooks is missing
// transactions for, the count, period and total first, then the files that fill the
// gap as downloads made in this tab (Blob URLs: no request), and a date field per
// statement ("QuickBooks has transactions until") that reruns the check with it.
//
// Self-contained: checker.js only mounts it, forwards the worker's `recovered` answers
// and appends what `render` returns. The files are made by the worker (the core's
// `recover`), from the files already in this tab. Text from files is set as text.
//
// Test hooks: the section carries `data-recovery`; each entry `data-recovery-entry`
// (its id); each download button `data-recovery-download` (its format); each date field
// `data-recovery-until` (its statement's file name).

const RECOVERY_FORMATS = {
  'qbo-online-csv': {
    label: 'Download for QuickBooks Online (CSV)',
    help: 'Banking → Upload transactions (or Link account → Upload from file); pick the account.',
    ext: '.csv',
    type: 'text/csv',
  },
  'web-connect-qbo': {
    label: 'Download for QuickBooks Desktop (.qbo)',
    help: 'File → Utilities → Import → Web Connect Files; choose “Use an existing QuickBooks account”.',
    ext: '.qbo',
    type: 'application/vnd.intu.qbo',
  },
};

/** An element with attributes and children; strings become text nodes, never HTML. */
function rel(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return e;
}

function count(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `-614.36` → `−614.36` (a real minus sign, readable at a glance). */
function money(text) {
  return String(text).startsWith('-') ? `−${String(text).slice(1)}` : String(text);
}

/**
 * Mounts the recovery part of the checker.
 *   post(message)   sends `{ type: 'recover', rid, id, quickbooksHasUntil }` to the worker
 *                   (the caller adds the files and today);
 *   rerun()         runs the check again on the same files (options() is read then).
 * Returns { render(report), receive(data), options(), forget() }.
 */
export function mountRecovery({ post, rerun }) {
  /** Per statement file: the date QuickBooks has transactions until. */
  let until = {};
  let seq = 0;
  const waiting = new Map();

  function options() {
    return Object.keys(until).length ? { quickbooksHasUntil: { ...until } } : {};
  }

  function receive(data) {
    const job = waiting.get(data.rid);
    if (!job) return;
    waiting.delete(data.rid);
    if (data.error) {
      job.status.textContent = `The file could not be made: ${data.error}`;
      return;
    }
    const wanted = data.files.filter((f) => f.name.endsWith(RECOVERY_FORMATS[job.format].ext));
    for (const f of wanted) {
      // From memory to the user's downloads: a Blob URL, no network.
      const href = URL.createObjectURL(new Blob([f.bytes], { type: RECOVERY_FORMATS[job.format].type }));
      const a = rel('a', { href, download: f.name, hidden: true });
      job.button.after(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    }
    job.status.textContent = wanted.length
      ? `Saved ${wanted.map((f) => f.name).join(', ')}.`
      : 'No file of this kind was made.';
  }

  function download(entry, format, button, status) {
    seq += 1;
    waiting.set(seq, { format, button, status });
    status.textContent = 'Making the file…';
    post({ type: 'recover', rid: seq, id: entry.id, ...options() });
  }

  function renderEntry(entry) {
    const status = rel('p', { class: 'qb-recovery-status', role: 'status', 'aria-live': 'polite' });
    const left = [];
    if (entry.already_in_quickbooks) {
      left.push(`${count(entry.already_in_quickbooks, 'transaction')} QuickBooks already has ${entry.already_in_quickbooks === 1 ? 'was' : 'were'} left out`);
    }
    if (entry.outside_register) {
      left.push(`${count(entry.outside_register, 'transaction')} before the QuickBooks report starts ${entry.outside_register === 1 ? 'was' : 'were'} not judged`);
    }
    const basis = entry.basis === 'register'
      ? `Compared with QuickBooks’ own report (${entry.register}).`
      : `After ${entry.quickbooks_has_until}, the date you gave.`;
    return rel(
      'article',
      { class: 'qb-recovery-entry', 'data-recovery-entry': entry.id },
      rel('h4', { class: 'qb-recovery-account' }, entry.account),
      entry.transactions === 0
        ? rel('p', { class: 'qb-recovery-summary', 'data-recovery-summary': '' }, 'Nothing is certainly missing; the rows below need your eye.')
        : rel(
        'p',
        { class: 'qb-recovery-summary', 'data-recovery-summary': '' },
        rel('strong', {}, count(entry.transactions, 'missing transaction')),
        ', ',
        rel('span', { class: 'qb-nowrap' }, entry.from),
        ' to ',
        rel('span', { class: 'qb-nowrap' }, entry.to),
        ', total ',
        rel('strong', {}, money(entry.total)),
      ),
      rel('p', { class: 'qb-recovery-basis' }, `From ${entry.statement}. ${basis}`, left.length ? ` ${left.join('; ')}.` : ''),
      entry.to_review
        ? rel(
          'div',
          { class: 'qb-recovery-review', 'data-recovery-review': entry.to_review },
          rel('p', {}, `${count(entry.to_review, 'transaction')} could not be told apart from one QuickBooks has: check ${entry.to_review === 1 ? 'it' : 'them'} yourself (not in the files).`),
          rel('ul', {}, entry.review.map((e) => rel('li', {}, `${e.file}${e.line ? `, line ${e.line}` : ''}: ${e.excerpt}`))),
        )
        : null,
      rel(
        'div',
        { class: 'qb-actions qb-recovery-actions' },
        entry.formats.map((format) => {
          const f = RECOVERY_FORMATS[format];
          if (!f) return null;
          const button = rel('button', { type: 'button', class: 'qb-button', 'data-recovery-download': format, title: f.help }, f.label);
          button.addEventListener('click', () => download(entry, format, button, status));
          return button;
        }),
      ),
      entry.notes.map((n) => rel('p', { class: 'qb-recovery-note' }, n)),
      status,
    );
  }

  function renderUntil(report) {
    const byRegister = new Set(report.recovery.filter((r) => r.basis === 'register').map((r) => r.statement));
    const files = [...new Set(report.statements.map((s) => s.file))].filter((f) => !byRegister.has(f));
    if (!files.length) return null;
    return rel(
      'div',
      { class: 'qb-recovery-until' },
      rel('p', {}, 'No QuickBooks report for an account? Give the date of the last transaction QuickBooks has for it, and the missing ones are put in a file:'),
      files.map((file) => {
        const input = rel('input', {
          type: 'date',
          value: until[file] ?? '',
          'data-recovery-until': file,
          'aria-label': `QuickBooks has transactions until (${file})`,
        });
        input.addEventListener('change', () => {
          if (input.value) until[file] = input.value;
          else delete until[file];
          rerun();
        });
        return rel('label', { class: 'qb-recovery-until-field' }, rel('span', {}, `${file}: QuickBooks has transactions until `), input);
      }),
    );
  }

  function render(report) {
    const entries = report.recovery ?? [];
    const until = report.statements?.length ? renderUntil(report) : null;
    if (!entries.length && !until) return null;
    return rel(
      'section',
      { class: 'qb-recovery', 'data-recovery': '', 'aria-labelledby': 'qb-recovery-title' },
      rel('h3', { id: 'qb-recovery-title' }, 'Get back what QuickBooks is missing'),
      entries.length
        ? rel('p', {}, 'These files hold exactly the transactions QuickBooks does not have yet. They are made here, in this tab.')
        : null,
      entries.map(renderEntry),
      until,
    );
  }

  function forget() {
    until = {};
    waiting.clear();
  }

  return { render, receive, options, forget };
}
