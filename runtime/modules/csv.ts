// Python's `csv`: the reader's state machine and the writer's quoting of Modules/_csv.c
// (3.11), dialects (excel, excel-tab, unix, register_dialect, Dialect subclasses with
// fmtparams on top), DictReader/DictWriter as Lib/csv.py, and csv.Error's messages.

import { Exception, PyTypeError, StopIteration, ValueError } from "../values/exceptions.js";
import { float } from "../values/builtin-types.js";
import { getattr } from "../values/builtin-functions.js";
import { jsIterator } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { addressOf, toStr } from "../values/repr.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { ioModule } from "./io.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { callValue } from "./pycall.js";
import { Sniffer } from "./csv-sniffer.js";
import { DictReader, DictWriter } from "./csv-dict.js";

export class Error extends Exception {
  static readonly tpName = "_csv.Error";
  static readonly __module__ = "_csv";
}

export const QUOTE_MINIMAL = 0n;
export const QUOTE_ALL = 1n;
export const QUOTE_NONNUMERIC = 2n;
export const QUOTE_NONE = 3n;

const ATTRS = ["delimiter", "doublequote", "escapechar", "lineterminator", "quotechar", "quoting", "skipinitialspace", "strict"] as const;
type Attr = (typeof ATTRS)[number];

/** The validated dialect (`_csv.Dialect`): what reader and writer use. */
export class CsvDialect {
  static readonly __module__ = "_csv";
  static readonly pythonName = "Dialect";
  readonly delimiter: string = ",";
  readonly doublequote: boolean = true;
  readonly escapechar: string | null = null;
  readonly lineterminator: string = "\r\n";
  readonly quotechar: string | null = '"';
  readonly quoting: bigint = QUOTE_MINIMAL;
  readonly skipinitialspace: boolean = false;
  readonly strict: boolean = false;

  constructor(values: Partial<Record<Attr, unknown>>) {
    const self = this as unknown as Record<Attr, unknown>;
    const char = (name: Attr, value: unknown, nullable: boolean): void => {
      if (value === undefined) return;
      if (value === null && nullable) self[name] = null;
      else if (typeof value === "string" && [...value].length === 1) self[name] = value;
      else if (typeof value === "string") throw new PyTypeError(`"${name}" must be a 1-character string`);
      else throw new PyTypeError(`"${name}" must be string${nullable ? " or None" : ""}, not ${typeName(value)}`);
    };
    char("delimiter", values.delimiter, false);
    char("escapechar", values.escapechar, true);
    char("quotechar", values.quotechar, true);
    if (values.lineterminator !== undefined) {
      if (typeof values.lineterminator !== "string") throw new PyTypeError(`"lineterminator" must be a string`);
      self.lineterminator = values.lineterminator;
    }
    if (values.quoting !== undefined) {
      if (!isIntLike(values.quoting)) throw new PyTypeError('"quoting" must be an integer');
      if (!isIntLike(values.quoting) || toBigInt(values.quoting) < 0n || toBigInt(values.quoting) > 3n) throw new PyTypeError('bad "quoting" value');
      self.quoting = toBigInt(values.quoting);
    }
    for (const name of ["doublequote", "skipinitialspace", "strict"] as const) {
      if (values[name] !== undefined) self[name] = truthy(values[name]);
    }
    if (values.quotechar === null && values.quoting === undefined) self.quoting = QUOTE_NONE;
    if (this.quotechar === null && this.quoting !== QUOTE_NONE) {
      throw new PyTypeError("quotechar must be set if quoting enabled");
    }
    if (this.lineterminator === "") throw new ValueError("lineterminator must not be empty");
    if (this.delimiter === " " && this.skipinitialspace) throw new ValueError("delimiter must not be space when skipinitialspace is true");
  }

  __repr__(): string {
    return `<_csv.Dialect object at ${addressOf(this)}>`;
  }
}

/** `csv.Dialect`: the Python base class programs subclass (attributes as class attributes). */
export class Dialect {
  static readonly __module__ = "csv";
  static delimiter: unknown = null;
  static quotechar: unknown = null;
  static escapechar: unknown = null;
  static doublequote: unknown = null;
  static skipinitialspace: unknown = null;
  static lineterminator: unknown = null;
  static quoting: unknown = null;
  static strict: unknown = false;
  static _name = "";
  static _valid = false;

  constructor() {
    if (Object.getPrototypeOf(this) !== Dialect.prototype) {
      try {
        dialectFrom(this, {});
      } catch (e) {
        if (e instanceof PyTypeError) throw new Error(String(e.args.items[0]));
        throw e;
      }
    }
  }
}

export class excel extends Dialect {
  static override delimiter: unknown = ",";
  static override quotechar: unknown = '"';
  static override doublequote: unknown = true;
  static override skipinitialspace: unknown = false;
  static override lineterminator: unknown = "\r\n";
  static override quoting: unknown = QUOTE_MINIMAL;
}

export class excel_tab extends excel {
  static override delimiter: unknown = "\t";
}

export class unix_dialect extends Dialect {
  static override delimiter: unknown = ",";
  static override quotechar: unknown = '"';
  static override doublequote: unknown = true;
  static override skipinitialspace: unknown = false;
  static override lineterminator: unknown = "\n";
  static override quoting: unknown = QUOTE_ALL;
}

/** getattr's default for "no such attribute". */
const MISSING = Symbol("missing");

const dialects = new Map<string, CsvDialect>();

/** A dialect (name, _csv.Dialect, Dialect class or instance) with fmtparams on top. */
function dialectFrom(dialect: unknown, params: Record<string, unknown>): CsvDialect {
  for (const k of Object.keys(params)) {
    if (!(ATTRS as readonly string[]).includes(k)) throw new PyTypeError(`'${k}' is an invalid keyword argument for Dialect()`);
  }
  let base: unknown = dialect;
  if (typeof base === "string") {
    const found = dialects.get(base);
    if (found === undefined) throw new Error("unknown dialect");
    base = found;
  }
  if (base instanceof CsvDialect && Object.keys(params).length === 0) return base;
  const values: Partial<Record<Attr, unknown>> = {};
  for (const name of ATTRS) {
    if (name in params) values[name] = params[name];
    else if (base !== null && base !== undefined) {
      const v = getattr(base, name, MISSING);
      if (v !== MISSING) values[name] = v;
    }
  }
  return new CsvDialect(values);
}

/** A dialect argument without fmtparams (the Sniffer's). */
export function dialectFor(dialect: unknown): CsvDialect {
  return dialectFrom(dialect, {});
}

/** `reader(f, dialect='excel', **fmtparams)` / `writer(...)`: the dialect and the iterable/file. */
function readerArgs(args: unknown[]): [unknown, CsvDialect] {
  const [pos, kws] = splitKw(args);
  const source = pos[0];
  const dialect = pos[1] ?? kws["dialect"] ?? null; // (none: _csv's defaults, which are excel's)
  delete kws["dialect"];
  return [source, dialectFrom(dialect, kws)];
}

const enum State {
  StartRecord,
  StartField,
  EscapedChar,
  InField,
  InQuotedField,
  EscapeInQuotedField,
  QuoteInQuotedField,
  EatCrNl,
  AfterEscapedCrNl,
}

const EOL = null;
let fieldLimit = 131072;

export class Reader {
  static readonly __module__ = "_csv";
  static readonly pythonName = "reader";
  line_num = 0n;
  private readonly input: Iterator<unknown>;
  private state = State.StartRecord;
  private fields: unknown[] = [];
  private field = "";
  private numeric = false;

  constructor(
    source: unknown,
    readonly dialect: CsvDialect,
  ) {
    this.input = jsIterator(source);
  }

  private save(): void {
    let value: unknown = this.field;
    if (this.numeric) {
      this.numeric = false;
      value = float(this.field);
    }
    this.fields.push(value);
    this.field = "";
  }

  private add(c: string): void {
    if (this.field.length >= fieldLimit) throw new Error(`field larger than field limit (${fieldLimit})`);
    this.field += c;
  }

  private process(c: string | null): void {
    const d = this.dialect;
    const newline = c === "\n" || c === "\r";
    const endField = (): void => {
      this.save();
      this.state = c === EOL ? State.StartRecord : State.EatCrNl;
    };
    for (;;) {
      switch (this.state) {
        case State.StartRecord:
          if (c === EOL) return;
          if (newline) {
            this.state = State.EatCrNl;
            return;
          }
          this.state = State.StartField;
          continue; // (C's fall-through)
        case State.StartField:
          if (newline || c === EOL) endField();
          else if (c === d.quotechar && d.quoting !== QUOTE_NONE) this.state = State.InQuotedField;
          else if (c === d.escapechar) this.state = State.EscapedChar;
          else if (c === " " && d.skipinitialspace) {
            // skipped
          } else if (c === d.delimiter) this.save();
          else {
            if (d.quoting === QUOTE_NONNUMERIC) this.numeric = true;
            this.add(c);
            this.state = State.InField;
          }
          return;
        case State.EscapedChar:
          if (c !== EOL && newline) {
            this.add(c);
            this.state = State.AfterEscapedCrNl;
            return;
          }
          this.add(c === EOL ? "\n" : c);
          this.state = State.InField;
          return;
        case State.AfterEscapedCrNl:
          if (c === EOL) return;
          this.state = State.InField;
          continue;
        case State.InField:
          if (newline || c === EOL) endField();
          else if (c === d.escapechar) this.state = State.EscapedChar;
          else if (c === d.delimiter) {
            this.save();
            this.state = State.StartField;
          } else this.add(c);
          return;
        case State.InQuotedField:
          if (c === EOL) return;
          if (c === d.escapechar) this.state = State.EscapeInQuotedField;
          else if (c === d.quotechar) this.state = d.doublequote ? State.QuoteInQuotedField : State.InField;
          else this.add(c);
          return;
        case State.EscapeInQuotedField:
          this.add(c === EOL ? "\n" : c);
          this.state = State.InQuotedField;
          return;
        case State.QuoteInQuotedField:
          if (d.quoting !== QUOTE_NONE && c !== EOL && c === d.quotechar) {
            this.add(c);
            this.state = State.InQuotedField;
          } else if (c === d.delimiter) {
            this.save();
            this.state = State.StartField;
          } else if (newline || c === EOL) endField();
          else if (!d.strict) {
            this.add(c);
            this.state = State.InField;
          } else throw new Error(`'${d.delimiter}' expected after '${d.quotechar}'`);
          return;
        case State.EatCrNl:
          if (c === EOL) this.state = State.StartRecord;
          else if (!newline) throw new Error("new-line character seen in unquoted field - do you need to open the file in universal-newline mode?");
          return;
      }
    }
  }

  __iter__(): this {
    return this;
  }

  __next__(): unknown[] {
    this.fields = [];
    this.field = "";
    this.state = State.StartRecord;
    this.numeric = false;
    do {
      const step = this.input.next();
      if (step.done) {
        if (this.field.length !== 0 || (this.state as State) === State.InQuotedField) {
          if (this.dialect.strict) throw new Error("unexpected end of data");
          this.save();
          break;
        }
        throw new StopIteration();
      }
      const line = step.value;
      if (typeof line !== "string") {
        throw new Error(`iterator should return strings, not ${typeName(line)} (the file should be opened in text mode)`);
      }
      this.line_num++;
      for (const c of line) this.process(c);
      this.process(EOL);
    } while (this.state !== State.StartRecord);
    const out = this.fields;
    this.fields = [];
    return out;
  }

  *[Symbol.iterator](): Iterator<unknown[]> {
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

function isNumber(x: unknown): boolean {
  return typeof x === "number" || typeof x === "bigint" || typeof x === "boolean" || (typeof x === "object" && x !== null && typeof (x as { __float__?: unknown }).__float__ === "function");
}

export class Writer {
  static readonly __module__ = "_csv";
  static readonly pythonName = "writer";
  private readonly write: unknown;
  /** The characters that make a field need quoting or escaping. */
  private readonly special: RegExp;

  constructor(
    file: unknown,
    readonly dialect: CsvDialect,
  ) {
    const chars = [dialect.delimiter, dialect.quotechar ?? "", dialect.escapechar ?? "", dialect.lineterminator].join("");
    this.special = new RegExp(`[${chars.replace(/[\\\]^-]/g, "\\$&")}]`, "u");
    this.write = getattr(file, "write", MISSING);
    if (this.write === MISSING) throw new PyTypeError('argument 1 must have a "write" method');
  }

  private quoteField(field: string, quoted: boolean, quoteEmpty: boolean): string {
    const d = this.dialect;
    if (field.length > 0 && !this.special.test(field)) return quoted ? d.quotechar + field + d.quotechar : field;
    let out = "";
    for (const c of field) {
      let escape = false;
      if (c === d.delimiter || c === d.escapechar || c === d.quotechar || d.lineterminator.includes(c)) {
        if (d.quoting === QUOTE_NONE) escape = true;
        else {
          if (c === d.quotechar) {
            if (d.doublequote) out += d.quotechar;
            else escape = true;
          } else if (c === d.escapechar) escape = true;
          if (!escape) quoted = true;
        }
        if (escape) {
          if (d.escapechar === null) throw new Error("need to escape, but no escapechar set");
          out += d.escapechar;
        }
      }
      out += c;
    }
    if (!quoted && field.length === 0 && quoteEmpty) {
      if (d.quoting === QUOTE_NONE) throw new Error("single empty field record must be quoted");
      quoted = true;
    }
    return quoted ? d.quotechar + out + d.quotechar : out;
  }

  writerow(row: unknown): unknown {
    const d = this.dialect;
    let it: Iterator<unknown>;
    try {
      it = jsIterator(row);
    } catch (e) {
      if (e instanceof PyTypeError) throw new Error(`iterable expected, not ${typeName(row)}`);
      throw e;
    }
    const parts: string[] = [];
    const values: unknown[] = [];
    for (let step = it.next(); !step.done; step = it.next()) values.push(step.value);
    for (const value of values) {
      const quoted = d.quoting === QUOTE_NONNUMERIC ? !isNumber(value) : d.quoting === QUOTE_ALL;
      const text = value === null || value === undefined ? "" : typeof value === "string" ? value : toStr(value);
      parts.push(this.quoteField(text, quoted, values.length === 1));
    }
    return callValue(this.write, parts.join(d.delimiter) + d.lineterminator);
  }

  writerows(rows: unknown): null {
    const it = jsIterator(rows);
    for (let step = it.next(); !step.done; step = it.next()) this.writerow(step.value);
    return null;
  }
}

export function reader(...args: unknown[]): Reader {
  const [source, dialect] = readerArgs(args);
  return new Reader(source, dialect);
}

export function writer(...args: unknown[]): Writer {
  const [file, dialect] = readerArgs(args);
  return new Writer(file, dialect);
}

function register_dialect(...args: unknown[]): null {
  const [pos, kws] = splitKw(args);
  const name = pos[0];
  if (typeof name !== "string") throw new PyTypeError("dialect name must be a string");
  dialects.set(name, dialectFrom(pos[1] ?? null, kws));
  return null;
}

function unregister_dialect(name: unknown): null {
  if (!dialects.delete(String(name))) throw new Error("unknown dialect");
  return null;
}

function get_dialect(name: unknown): CsvDialect {
  const d = dialects.get(String(name));
  if (d === undefined) throw new Error("unknown dialect");
  return d;
}

function field_size_limit(...args: unknown[]): bigint {
  const old = fieldLimit;
  const [pos, kws] = splitKw(args);
  const limit = pos[0] ?? kws["new_limit"];
  if (limit !== undefined) {
    if (!isIntLike(limit)) throw new PyTypeError("limit must be an integer");
    fieldLimit = Number(toBigInt(limit));
  }
  return BigInt(old);
}

dialects.set("excel", dialectFrom(excel, {}));
dialects.set("excel-tab", dialectFrom(excel_tab, {}));
dialects.set("unix", dialectFrom(unix_dialect, {}));

export const csvModule = moduleObject("csv", {
  // csv.py's own `from io import StringIO` (the Sniffer reads a sample through it).
  StringIO: ioModule.StringIO,
  Error,
  QUOTE_MINIMAL,
  QUOTE_ALL,
  QUOTE_NONNUMERIC,
  QUOTE_NONE,
  Dialect: pyClass(Dialect),
  excel: pyClass(excel),
  excel_tab: pyClass(excel_tab),
  unix_dialect: pyClass(unix_dialect),
  reader,
  writer,
  register_dialect,
  unregister_dialect,
  get_dialect,
  list_dialects: () => [...dialects.keys()],
  field_size_limit,
  DictReader: pyClass(DictReader),
  DictWriter: pyClass(DictWriter),
  Sniffer: pyClass(Sniffer),
  __version__: "1.0",
});
