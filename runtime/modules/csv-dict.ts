// csv.DictReader and csv.DictWriter as Lib/csv.py (3.11): rows as dicts keyed by the field names.

import { Dict } from "../values/dict.js";
import { PyTypeError, StopIteration, ValueError } from "../values/exceptions.js";
import { getattr } from "../values/builtin-functions.js";
import { jsIterator } from "../values/iteration.js";
import { kw, splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { callValue } from "./pycall.js";
import { reader, writer, type Reader, type Writer } from "./csv.js";

/** The fmtparams given after a DictReader/DictWriter's own arguments. */
function passOn(source: unknown, dialect: unknown, kws: Record<string, unknown>): unknown[] {
  return [source, dialect, kw(kws)];
}

/** `csv.DictReader(f, fieldnames=None, restkey=None, restval=None, dialect='excel', **kwds)`. */
export class DictReader {
  static readonly __module__ = "csv";
  readonly reader: Reader;
  restkey: unknown;
  restval: unknown;
  line_num = 0n;
  private names: unknown;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const take = (i: number, name: string, fallback: unknown): unknown => {
      const v = i < pos.length ? pos[i] : name in kws ? kws[name] : fallback;
      delete kws[name];
      return v;
    };
    const f = take(0, "f", undefined);
    this.names = take(1, "fieldnames", null);
    this.restkey = take(2, "restkey", null);
    this.restval = take(3, "restval", null);
    const dialect = take(4, "dialect", "excel");
    this.reader = reader(...passOn(f, dialect, kws));
  }

  get fieldnames(): unknown {
    if (this.names === null) {
      try {
        this.names = this.reader.__next__();
      } catch (e) {
        if (!(e instanceof StopIteration)) throw e;
      }
    }
    this.line_num = this.reader.line_num;
    return this.names;
  }

  set fieldnames(value: unknown) {
    this.names = value;
  }

  __iter__(): this {
    return this;
  }

  __next__(): Dict {
    if (this.line_num === 0n) void this.fieldnames;
    let row = this.reader.__next__();
    this.line_num = this.reader.line_num;
    while (row.length === 0) row = this.reader.__next__();
    const names = [...(function* (n: unknown) {
      const it = jsIterator(n);
      for (let s = it.next(); !s.done; s = it.next()) yield s.value;
    })(this.names)];
    const d = new Dict<unknown, unknown>();
    for (let i = 0; i < Math.min(names.length, row.length); i++) d.set(names[i], row[i]);
    if (names.length < row.length) d.set(this.restkey, row.slice(names.length));
    else for (const key of names.slice(row.length)) d.set(key, this.restval);
    return d;
  }

  *[Symbol.iterator](): Iterator<Dict> {
    for (;;) {
      try {
        yield this.__next__();
      } catch (e) {
        if (e instanceof StopIteration) return;
        throw e;
      }
    }
  }
}

/** `csv.DictWriter(f, fieldnames, restval='', extrasaction='raise', dialect='excel', **kwds)`. */
export class DictWriter {
  static readonly __module__ = "csv";
  readonly writer: Writer;
  fieldnames: unknown;
  restval: unknown;
  extrasaction: string;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const take = (i: number, name: string, fallback: unknown): unknown => {
      const v = i < pos.length ? pos[i] : name in kws ? kws[name] : fallback;
      delete kws[name];
      return v;
    };
    const f = take(0, "f", undefined);
    this.fieldnames = take(1, "fieldnames", undefined);
    if (this.fieldnames === undefined) throw new PyTypeError("DictWriter.__init__() missing 1 required positional argument: 'fieldnames'");
    this.restval = take(2, "restval", "");
    const given = String(take(3, "extrasaction", "raise"));
    const action = given.toLowerCase();
    if (action !== "raise" && action !== "ignore") throw new ValueError(`extrasaction (${given}) must be 'raise' or 'ignore'`);
    this.extrasaction = action;
    const dialect = take(4, "dialect", "excel");
    this.writer = writer(...passOn(f, dialect, kws));
  }

  private names(): unknown[] {
    const out: unknown[] = [];
    const it = jsIterator(this.fieldnames);
    for (let s = it.next(); !s.done; s = it.next()) out.push(s.value);
    return out;
  }

  writeheader(): unknown {
    return this.writer.writerow(this.names());
  }

  private toList(row: unknown): unknown[] {
    const names = this.names();
    const get = (key: unknown): unknown => (row instanceof Dict ? (row.has(key) ? row.get(key) : this.restval) : callValue(getattr(row, "get"), key, this.restval));
    if (this.extrasaction === "raise") {
      const wrong: unknown[] = [];
      const keys = row instanceof Dict ? [...row] : [...(function* () {
        const it = jsIterator(getattr(row, "keys")());
        for (let s = it.next(); !s.done; s = it.next()) yield s.value;
      })()];
      const known = new Dict<unknown, boolean>(names.map((n) => [n, true] as const));
      for (const k of keys) if (!known.has(k)) wrong.push(k);
      if (wrong.length) throw new ValueError("dict contains fields not in fieldnames: " + wrong.map((x) => repr(x)).join(", "));
    }
    return names.map(get);
  }

  writerow(row: unknown): unknown {
    return this.writer.writerow(this.toList(row));
  }

  writerows(rows: unknown): null {
    const it = jsIterator(rows);
    for (let s = it.next(); !s.done; s = it.next()) this.writerow(s.value);
    return null;
  }
}
