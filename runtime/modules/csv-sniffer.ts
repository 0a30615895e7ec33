// csv.Sniffer as Lib/csv.py: the quote-and-delimiter regexes, the character-frequency
// delimiter guess with its consistency threshold and preferred list, and has_header's vote.
// (Python's `\w`/`\W` are Unicode-aware; here they are spelled with Unicode properties.)

import { complex } from "../values/complex.js";
import { splitKw } from "../values/kwargs.js";
import { Dialect, Error, QUOTE_MINIMAL, Reader, dialectFor } from "./csv.js";

const W = "\\p{L}\\p{N}_";

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

type Guess = [quotechar: string, doublequote: boolean, delimiter: string | null, skipinitialspace: boolean];

function guessQuoteAndDelimiter(data: string, delimiters: string | null): Guess {
  const patterns = [
    `(?<delim>[^${W}\\n"'])(?<space> ?)(?<quote>["']).*?\\k<quote>\\k<delim>`,
    `(?:^|\\n)(?<quote>["']).*?\\k<quote>(?<delim>[^${W}\\n"'])(?<space> ?)`,
    `(?<delim>[^${W}\\n"'])(?<space> ?)(?<quote>["']).*?\\k<quote>(?:$|\\n)`,
    `(?:^|\\n)(?<quote>["']).*?\\k<quote>(?:$|\\n)`,
  ];
  let matches: RegExpMatchArray[] = [];
  for (const source of patterns) {
    matches = [...data.matchAll(new RegExp(source, "gsmu"))];
    if (matches.length) break;
  }
  if (!matches.length) return ["", false, null, false];
  const quotes = new Map<string, number>();
  const delims = new Map<string, number>();
  let spaces = 0;
  for (const m of matches) {
    const g = m.groups!;
    const q = g["quote"];
    if (q) quotes.set(q, (quotes.get(q) ?? 0) + 1);
    if (!("delim" in g)) continue;
    const d = g["delim"];
    if (d && (delimiters === null || delimiters.includes(d))) delims.set(d, (delims.get(d) ?? 0) + 1);
    if (!("space" in g)) continue;
    if (g["space"]) spaces++;
  }
  const maxKey = (m: Map<string, number>): string => {
    let best = "";
    let count = -Infinity;
    for (const [k, v] of m) if (v > count) [best, count] = [k, v];
    return best;
  };
  const quotechar = maxKey(quotes);
  let delim = "";
  let skip = false;
  if (delims.size) {
    delim = maxKey(delims);
    skip = delims.get(delim) === spaces;
    if (delim === "\n") delim = "";
  }
  const d = escapeRe(delim);
  const q = escapeRe(quotechar);
  const dq = new RegExp(`((${d})|^)[^${W}]*${q}[^${d}\\n]*${q}[^${d}\\n]*${q}[^${W}]*((${d})|$)`, "mu");
  return [quotechar, dq.test(data), delim, skip];
}

function count(s: string, sub: string): number {
  return s.split(sub).length - 1;
}

function guessDelimiter(text: string, delimiters: string | null, preferred: string[]): [string, boolean] {
  const data = text.split("\n").filter((l) => l !== "");
  const chunk = Math.min(10, data.length);
  let iteration = 0;
  const freq = new Map<string, Map<number, number>>();
  const modes = new Map<string, [number, number]>();
  const delims = new Map<string, [number, number]>();
  let start = 0;
  let end = chunk;
  const skipFor = (d: string): boolean => count(data[0]!, d) === count(data[0]!, d + " ");
  while (start < data.length) {
    iteration++;
    for (const line of data.slice(start, end)) {
      for (let c = 0; c < 127; c++) {
        const ch = String.fromCharCode(c);
        const meta = freq.get(ch) ?? new Map<number, number>();
        const f = count(line, ch);
        meta.set(f, (meta.get(f) ?? 0) + 1);
        freq.set(ch, meta);
      }
    }
    for (const [ch, meta] of freq) {
      const items = [...meta.entries()];
      if (items.length === 1 && items[0]![0] === 0) continue;
      if (items.length > 1) {
        let best = items[0]!;
        for (const it of items) if (it[1] > best[1]) best = it;
        const others = items.filter((it) => it !== best).reduce((a, it) => a + it[1], 0);
        modes.set(ch, [best[0], best[1] - others]);
      } else modes.set(ch, items[0]!);
    }
    const total = Math.min(chunk * iteration, data.length);
    let consistency = 1.0;
    while (delims.size === 0 && consistency >= 0.9) {
      for (const [k, v] of modes) {
        if (v[0] > 0 && v[1] > 0 && v[1] / total >= consistency && (delimiters === null || delimiters.includes(k))) delims.set(k, v);
      }
      consistency -= 0.01;
    }
    if (delims.size === 1) {
      const delim = [...delims.keys()][0]!;
      return [delim, skipFor(delim)];
    }
    start = end;
    end += chunk;
  }
  if (!delims.size) return ["", false];
  if (delims.size > 1) {
    for (const d of preferred) if (delims.has(d)) return [d, skipFor(d)];
  }
  const items = [...delims.entries()].map(([k, v]) => [v, k] as const);
  items.sort((a, b) => a[0][0] - b[0][0] || a[0][1] - b[0][1] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const delim = items[items.length - 1]![1];
  return [delim, skipFor(delim)];
}

export class Sniffer {
  static readonly __module__ = "csv";
  preferred = [",", "\t", ";", " ", ":"];

  sniff(...args: unknown[]): typeof Dialect {
    const [pos, kws] = splitKw(args);
    const sample = String(pos[0] ?? kws["sample"]);
    const given = pos[1] ?? kws["delimiters"] ?? null;
    const delimiters = given === null ? null : String(given);
    let [quotechar, doublequote, delimiter, skip] = guessQuoteAndDelimiter(sample, delimiters);
    if (!delimiter) [delimiter, skip] = guessDelimiter(sample, delimiters, this.preferred);
    if (!delimiter) throw new Error("Could not determine delimiter");
    class dialect extends Dialect {}
    Object.assign(dialect, {
      _name: "sniffed",
      lineterminator: "\r\n",
      quoting: QUOTE_MINIMAL,
      doublequote,
      delimiter,
      quotechar: quotechar || '"',
      skipinitialspace: skip,
    });
    return dialect;
  }

  has_header(sample: unknown): boolean {
    const text = String(sample);
    const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    const rdr = new Reader(lines, dialectFor(this.sniff(text)));
    const header = rdr.__next__() as string[];
    const columns = header.length;
    const types = new Map<number, null | "complex" | number>();
    for (let i = 0; i < columns; i++) types.set(i, null);
    let checked = 0;
    for (const row of rdr as Iterable<string[]>) {
      if (checked > 20) break;
      checked++;
      if (row.length !== columns) continue;
      for (const col of [...types.keys()]) {
        let thisType: "complex" | number = "complex";
        try {
          complex(row[col]);
        } catch {
          thisType = [...row[col]!].length;
        }
        if (thisType !== types.get(col)) {
          if (types.get(col) === null) types.set(col, thisType);
          else types.delete(col);
        }
      }
    }
    let vote = 0;
    for (const [col, type] of types) {
      if (type === null) vote += 1; // (CPython: None(header[col]) raises TypeError)
      else if (typeof type === "number") vote += [...header[col]!].length !== type ? 1 : -1;
      else {
        try {
          complex(header[col]);
          vote -= 1;
        } catch {
          vote += 1;
        }
      }
    }
    return vote > 0;
  }
}
