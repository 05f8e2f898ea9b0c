/**
 * One figure of a benchmark, and the table `npm run bench` prints. A suite runs as its own process
 * (what one suite allocates must not show in the next one's memory figures) and hands its figures to
 * the runner as one tagged JSON line on stdout.
 */
export interface Figure {
  /** The suite's heading, e.g. "Burst: 2,000 /phlo hold, 50 at a time". */
  section: string;
  /** What is measured, e.g. "ack p99". */
  figure: string;
  /** phlo-bot's value, with its unit: "107 ms". */
  value: string;
  /** The same figure for the baseline, when there is one: "41 ms (bare Bolt)". */
  baseline?: string | undefined;
  /** value ÷ baseline (or the reverse, whichever the target states), measured in this run. */
  ratio?: number | undefined;
  /** The target in words: "≤ 1.3× bare Bolt". */
  target?: string | undefined;
  /** Whether the target is met; absent when the figure has no target. */
  met?: boolean | undefined;
}

export const FIGURES_TAG = 'BENCH_FIGURES ';

/** Hands a suite's figures to the runner (or prints them, when the suite runs alone). */
export function emit(figures: Figure[]): void {
  process.stdout.write(`${FIGURES_TAG}${JSON.stringify(figures)}\n`);
  if (process.env.BENCH_RUNNER === undefined) printTable(figures);
}

/** Runs a suite's main as a process: figures out, exit 0; a failure is printed and exits 1. */
export function runSuite(main: () => Promise<Figure[]>): void {
  main().then(
    (figures) => { emit(figures); process.exit(0); },
    (error: unknown) => { console.error(error); process.exit(1); },
  );
}

export function ms(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

export function perSecond(value: number): string {
  return `${value.toFixed(0)}/s`;
}

export function printTable(figures: readonly Figure[]): void {
  const header = ['figure', 'phlo-bot', 'baseline', 'ratio', 'target', 'met'];
  const sections = [...new Set(figures.map((f) => f.section))];
  const lines: string[] = [];
  for (const section of sections) {
    const rows = figures
      .filter((f) => f.section === section)
      .map((f) => [
        f.figure,
        f.value,
        f.baseline ?? '',
        f.ratio === undefined ? '' : `${f.ratio.toFixed(2)}×`,
        f.target ?? '',
        f.met === undefined ? '' : f.met ? 'yes' : 'NO',
      ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
    lines.push('', `## ${section}`, '', line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
