// The benchmark's statement: Chase's activity export layout (header
// `Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #,`, quoted
// descriptions, MM/DD/YYYY dates, CRLF), N rows, about 77 bytes a row. Generated, never
// committed: `node scripts/gen-chase.mjs 1000000 /tmp/chase-1m.csv` (and a one-account
// chart beside it as `<out>.chart.csv`). `chaseChunks` is also used in the page by
// scripts/bench-page.mjs and tests/browser/stream.test.mjs (via its source text), so
// every bench reads the same bytes.

export const HEADER = 'Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #,\r\n';
export const CHART = 'Account,Type,Detail type\r\nChase Checking x4821,Bank,Checking\r\n';

/** Calls `emit(string)` with pieces of the file, about `rowsPerChunk` rows each. */
export function chaseChunks(rows, emit, rowsPerChunk = 20000) {
  const payees = [
    'POS WHOLE FOODS #1042 SEA',
    'ACH PAYROLL ACME CORP PPD',
    'TRANSFER TO SAV XXXX7750',
    'AMAZON MKTPLACE AMZN.COM',
    'ZELLE FROM J SMITH 88231',
    'ATM WITHDRAWAL 5TH AVE',
  ];
  const types = ['DEBIT_CARD', 'ACH_CREDIT', 'ACCT_XFER', 'DEBIT_CARD', 'QUICKPAY_CREDIT', 'ATM'];
  let balance = 1000000;
  // Self-contained (no module-level names): the page benches evaluate its source.
  let parts = ['Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #,\r\n'];
  for (let i = 0; i < rows; i++) {
    const k = (i * 7 + (i >> 3)) % payees.length;
    const cents = ((i * 2654435761) >>> 0) % 50000 + 1;
    const credit = k === 1 || k === 4;
    const amount = credit ? cents : -cents;
    balance += amount;
    const day = (i % 28) + 1;
    const month = ((i >> 5) % 12) + 1;
    const date = `${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}/2026`;
    const money = (c) => (c < 0 ? '-' : '') + Math.floor(Math.abs(c) / 100) + '.' + String(Math.abs(c) % 100).padStart(2, '0');
    parts.push(`${credit ? 'CREDIT' : 'DEBIT'},${date},"${payees[k]} ${i % 1000}",${money(amount)},${types[k]},${money(balance)},,\r\n`);
    if (parts.length >= rowsPerChunk) {
      emit(parts.join(''));
      parts = [];
    }
  }
  if (parts.length) emit(parts.join(''));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { openSync, writeSync, closeSync, writeFileSync } = await import('node:fs');
  const rows = Number(process.argv[2] || 1000000);
  const out = process.argv[3] || `/tmp/chase-${rows}.csv`;
  const fd = openSync(out, 'w');
  chaseChunks(rows, (s) => writeSync(fd, s));
  closeSync(fd);
  writeFileSync(`${out}.chart.csv`, CHART);
  console.log(out);
}
