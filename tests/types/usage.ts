// Compiled with `tsc --noEmit` by tests/browser/types.test.mjs: the hand-written report
// types in www/pkg/qb324.d.ts are valid TypeScript and describe how the page uses them.
import init, { check, Checker, type Report, type Finding, type Verdict } from '../../www/pkg/qb324.js';

export async function run(bytes: Uint8Array): Promise<Verdict> {
  await init();
  const report: Report = check([{ name: 'a.csv', bytes }], { today: '2026-11-30' });
  const codes: string[] = report.findings.map((f: Finding) => `${f.code}:${f.severity}:${f.fix_steps.join(',')}`);
  const lines: (number | null)[] = report.findings.flatMap((f) => f.evidence.map((e) => e.line));
  const chart: number | undefined = report.chart?.bank_accounts.length;
  const steps: string[] = report.plan.map((s) => `${s.id}:${s.step ?? '-'}:${s.title}:${s.findings.map((i) => report.findings[i].code).join(',')}`);
  const notChecked: string[] = report.checked.filter((c) => c.status === 'not_checked').map((c) => `${c.title}: ${c.why}`);
  const green: boolean = report.verdict === 'clear' && report.complete;
  const edition: 'online' | 'desktop' | 'self_employed' | 'unknown' = report.edition;
  const because: (string | null | undefined)[] = report.statements.map((s) => s.because);
  void steps; void notChecked; void green; void edition; void because;
  const c = new Checker();
  c.begin('b.qbo');
  c.push(bytes);
  c.end();
  const streamed: Report = c.finish();
  void codes; void lines; void chart;
  // @ts-expect-error: verdicts are the four SPEC words only
  const wrong: Verdict = 'maybe';
  void wrong;
  return streamed.verdict;
}
