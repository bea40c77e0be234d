/** How a figure is written: a rate, milliseconds, a share (stored as a fraction), a ratio, MiB or a count. */
export type FigureUnit = "/s" | "ms" | "%" | "×" | "MiB" | "";

/** A goal of the benchmark: its wording and whether a value meets it. */
export interface Goal {
  readonly text: string;
  readonly met: (value: number) => boolean;
}

/** One measured figure of one run. */
export interface Figure {
  readonly section: string;
  readonly label: string;
  readonly value: number;
  readonly unit: FigureUnit;
  readonly goal?: Goal | undefined;
  /** Whether the README's short table shows it. */
  readonly headline: boolean;
}

/** The figures of one run, in the order they were measured. */
export class Figures {
  readonly #list: Figure[] = [];

  add(
    section: string,
    label: string,
    value: number,
    unit: FigureUnit,
    options: { goal?: Goal; headline?: boolean } = {},
  ): void {
    this.#list.push({ section, label, value, unit, goal: options.goal, headline: options.headline ?? false });
  }

  get list(): readonly Figure[] {
    return this.#list;
  }
}

/** `≥ x` or `≤ x` goals on the written value (shares in percent, as they are written). */
export const atLeast = (text: string, min: number): Goal => ({ text, met: (v) => v >= min });
export const atMost = (text: string, max: number): Goal => ({ text, met: (v) => v <= max });

/** A figure's value as it is written (`1,234/s`, `9.20 ms`, `53.0 %`, `1.25×`). */
export function formatValue(value: number, unit: FigureUnit): string {
  if (!Number.isFinite(value)) return "—";
  switch (unit) {
    case "/s":
      return `${Math.round(value).toLocaleString("en-US")}/s`;
    case "ms":
      return `${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ms`;
    case "%":
      return `${(value * 100).toFixed(1)} %`;
    case "×":
      return `${value.toFixed(2)}×`;
    case "MiB":
      return `${value.toFixed(1)} MiB`;
    case "":
      return Math.round(value).toLocaleString("en-US");
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** A figure over several runs: every run's value and their median. */
export interface MedianFigure extends Figure {
  readonly runs: readonly number[];
}

/**
 * The median of each figure over runs, matched by section and label (every run measures the same
 * figures in the same order; one missing from a run counts as not measured there).
 */
export function medians(runs: readonly Figures[]): MedianFigure[] {
  const [first] = runs;
  if (first === undefined) return [];
  return first.list.map((figure) => {
    const values = runs.map(
      (run) => run.list.find((f) => f.section === figure.section && f.label === figure.label)?.value ?? NaN,
    );
    return { ...figure, value: median(values), runs: values };
  });
}

const cell = (text: string): string => text.replaceAll("|", "\\|");

/** Every figure as a markdown table: section, figure, each run, the median, the goal and whether it is met. */
export function fullTable(figures: readonly MedianFigure[]): string {
  const count = figures[0]?.runs.length ?? 0;
  const runHeads = count > 1 ? Array.from({ length: count }, (_, i) => `run ${i + 1}`) : [];
  const head = ["part", "figure", ...runHeads, count > 1 ? `median of ${count}` : "value", "goal", "met"];
  const rows = figures.map((f) => [
    f.section,
    f.label,
    ...(count > 1 ? f.runs.map((v) => formatValue(v, f.unit)) : []),
    formatValue(f.value, f.unit),
    f.goal?.text ?? "",
    f.goal === undefined ? "" : f.goal.met(f.value) ? "yes" : "**no**",
  ]);
  return table(head, rows);
}

/** The headline figures as one row, for the README. */
export function headlineTable(figures: readonly MedianFigure[]): string {
  const chosen = figures.filter((f) => f.headline);
  return table(
    chosen.map((f) => f.label),
    [chosen.map((f) => formatValue(f.value, f.unit))],
  );
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}
