// The character properties of python3's unicodedata (generated into unicode-props-data.ts by
// scripts/gen_unicode_props.py), decoded on first use: run tables answer by binary search,
// sparse tables from a Map.

import * as data from "./unicode-props-data.js";

/** A property given as runs over all code points. */
export class RunTable<T> {
  private starts: number[] | null = null;
  private values: T[] = [];
  constructor(
    private readonly valueText: string,
    private readonly runText: string,
    private readonly parse: (v: string) => T,
  ) {}

  private decode(): number[] {
    const names = this.valueText.split(" ").map(this.parse);
    const starts: number[] = [];
    let at = 0;
    for (const run of this.runText.split(" ")) {
      const dot = run.indexOf(".");
      starts.push(at);
      this.values.push(names[parseInt(run.slice(dot + 1), 36)]!);
      at += parseInt(run.slice(0, dot), 36);
    }
    return starts;
  }

  get(cp: number): T {
    const starts = (this.starts ??= this.decode());
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= cp) lo = mid;
      else hi = mid - 1;
    }
    return this.values[lo]!;
  }
}

/** A property only some code points have. */
export class SparseTable {
  private map: Map<number, string> | null = null;
  constructor(private readonly text: string) {}

  get(cp: number): string | undefined {
    if (this.map === null) {
      this.map = new Map();
      let at = 0;
      for (const entry of this.text.split("|")) {
        const eq = entry.indexOf("=");
        at += parseInt(entry.slice(0, eq), 36);
        this.map.set(at, entry.slice(eq + 1));
      }
    }
    return this.map.get(cp);
  }
}

const text = (v: string): string => v;
const int = (v: string): number => Number(v);

export const UNIDATA_VERSION = data.UNIDATA_VERSION;
export const categoryTable = new RunTable(data.CATEGORY_VALUES, data.CATEGORY_RUNS, text);
export const bidirectionalTable = new RunTable(data.BIDIRECTIONAL_VALUES, data.BIDIRECTIONAL_RUNS, text);
export const combiningTable = new RunTable(data.COMBINING_VALUES, data.COMBINING_RUNS, int);
export const eastAsianWidthTable = new RunTable(data.EAST_ASIAN_WIDTH_VALUES, data.EAST_ASIAN_WIDTH_RUNS, text);
export const mirroredTable = new RunTable(data.MIRRORED_VALUES, data.MIRRORED_RUNS, int);
export const decompositionTable = new SparseTable(data.DECOMPOSITION);
export const numericTable = new SparseTable(data.NUMERIC);
export const decimalTable = new SparseTable(data.DECIMAL);
export const digitTable = new SparseTable(data.DIGIT);
