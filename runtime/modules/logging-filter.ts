// `logging.Filter` and the filter lists of loggers and handlers (CPython's Filterer): a filter
// is a Filter-like object with `filter(record)` or a plain callable; a record passes when
// every filter returns a true value.

import { toStr } from "../values/repr.js";
import { truthy } from "../values/truth.js";

export type FilterLike = ((record: unknown) => unknown) | { filter(record: unknown): unknown };

/** `logging.Filter(name="")`: passes records of the logger `name` and its children. */
export class Filter {
  static readonly __module__ = "logging";
  readonly name: string;
  readonly nlen: bigint;

  constructor(name: unknown = "") {
    this.name = toStr(name);
    this.nlen = BigInt(this.name.length);
  }

  filter(record: unknown): boolean {
    if (this.name === "") return true;
    const recordName = toStr((record as { name?: unknown }).name);
    if (recordName === this.name) return true;
    return recordName.startsWith(this.name) && recordName[this.name.length] === ".";
  }
}

/** `logging.Filterer`: the filter list Handler and Logger share (their base class, as in CPython). */
export class Filterer {
  static readonly __module__ = "logging";
  filters: FilterLike[] = [];

  addFilter(f: FilterLike): null {
    if (!this.filters.includes(f)) this.filters.push(f);
    return null;
  }
  removeFilter(f: FilterLike): null {
    this.filters = this.filters.filter((x) => x !== f);
    return null;
  }
  filter(record: unknown): boolean {
    return passesFilters(this.filters, record);
  }
}

/** Do all the filters pass the record? */
export function passesFilters(filters: readonly FilterLike[], record: unknown): boolean {
  for (const f of filters) {
    const verdict = typeof f === "function" ? f(record) : f.filter(record);
    if (!truthy(verdict)) return false;
  }
  return true;
}
