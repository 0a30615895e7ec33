// Python's `argparse`, part 1: the constants, Namespace, the errors and the Action classes
// (CPython's Lib/argparse.py ported: the same attributes, messages and behaviour).

import { Exception, PyTypeError, ValueError, NotImplementedError, OSError } from "../values/exceptions.js";
import { open } from "../lang/files.js";
import { splitKw, kw } from "../values/kwargs.js";
import { repr, toStr } from "../values/repr.js";
import { getattr, setattr, hasattr, vars } from "../values/builtin-functions.js";
import { iterable } from "../values/iteration.js";
import { pythonName, objectKey } from "../lang/attr-names.js";
import { eq } from "../values/compare.js";
import { NotImplemented } from "../values/singletons.js";
import { typeName } from "../values/typename.js";
import { callMethod } from "../values/methods.js";
import { copyModule } from "./copy.js";
import { add } from "../values/arithmetic.js";

export const SUPPRESS = "==SUPPRESS==";
export const OPTIONAL = "?";
export const ZERO_OR_MORE = "*";
export const ONE_OR_MORE = "+";
export const PARSER = "A...";
export const REMAINDER = "...";
export const UNRECOGNIZED_ARGS_ATTR = "_unrecognized_args";

/** A Python None. */
export function none(x: unknown): x is null | undefined {
  return x === null || x === undefined;
}

/**
 * Binds `args` (positional values then a keyword marker) to the parameters `names` as a
 * Python function `fname` would: CPython's TypeErrors for an unknown or missing argument.
 */
export function bindArgs(fname: string, args: readonly unknown[], names: readonly string[], defaults: Record<string, unknown>, rest?: "kwargs"): Record<string, unknown> {
  const [pos, kws] = splitKw(args);
  if (pos.length > names.length) {
    throw new PyTypeError(`${fname}() takes from 1 to ${names.length + 1} positional arguments but ${pos.length + 1} were given`);
  }
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  pos.forEach((v, i) => (out[names[i]!] = v));
  const extra: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(kws)) {
    if (!names.includes(key)) {
      if (rest === "kwargs") {
        extra[key] = kws[key];
        continue;
      }
      throw new PyTypeError(`${fname}() got an unexpected keyword argument '${key}'`);
    }
    if (key in out) throw new PyTypeError(`${fname}() got multiple values for argument '${key}'`);
    out[key] = kws[key];
  }
  const missing = names.filter((n) => !(n in out) && !(n in defaults));
  if (missing.length > 0) {
    const list = missing.map((m) => `'${m}'`);
    const text = list.length === 1 ? list[0] : list.length === 2 ? `${list[0]} and ${list[1]}` : `${list.slice(0, -1).join(", ")}, and ${list[list.length - 1]}`;
    throw new PyTypeError(`${fname}() missing ${missing.length} required positional argument${missing.length > 1 ? "s" : ""}: ${text}`);
  }
  for (const n of names) if (!(n in out)) out[n] = defaults[n];
  if (rest === "kwargs") out["**"] = extra;
  return out;
}

/** The attributes set on an object, as (Python name, value) pairs in insertion order. */
export function ownAttributes(obj: object): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const key of Object.keys(obj)) {
    const name = pythonName(key, false);
    if (name !== null) out.push([name, (obj as Record<string, unknown>)[key]]);
  }
  return out;
}

function isIdentifier(s: string): boolean {
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(s);
}

/** _AttributeHolder.__repr__: `Name(positional..., name=value, **{'odd-name': value})`. */
export function attributeRepr(obj: object, name: string, args: unknown[], kwargs: [string, unknown][]): string {
  const parts = args.map((a) => repr(a));
  const star: [string, unknown][] = [];
  for (const [k, v] of kwargs) {
    if (isIdentifier(k)) parts.push(`${k}=${repr(v)}`);
    else star.push([k, v]);
  }
  if (star.length > 0) parts.push(`**{${star.map(([k, v]) => `${repr(k)}: ${repr(v)}`).join(", ")}}`);
  return `${name}(${parts.join(", ")})`;
}

/** `argparse.Namespace(**kwargs)`: the parsed arguments as attributes. */
export class Namespace {
  static readonly __module__ = "argparse";
  static readonly __hash__ = null;
  [attr: string]: any;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    if (pos.length > 0) throw new PyTypeError(`Namespace.__init__() takes 1 positional argument but ${pos.length + 1} were given`);
    for (const key of Object.keys(kws)) (this as Record<string, unknown>)[objectKey(key)] = kws[key];
  }

  __repr__(): string {
    return attributeRepr(this, typeName(this), [], ownAttributes(this));
  }

  __eq__(other: unknown): unknown {
    if (!(other instanceof Namespace)) return NotImplemented;
    return eq(vars(this), vars(other));
  }

  __contains__(key: unknown): boolean {
    return typeof key === "string" && ownAttributes(this).some(([k]) => k === key);
  }
}
(Namespace.prototype as unknown as { __hash__: null }).__hash__ = null;

/** An action's name in messages: its option strings, metavar, dest or choices. */
export function getActionName(argument: Action | null): string | null {
  if (argument === null) return null;
  if (argument.option_strings.length > 0) return argument.option_strings.join("/");
  if (!none(argument.metavar) && argument.metavar !== SUPPRESS) return toStr(argument.metavar);
  if (!none(argument.dest) && argument.dest !== SUPPRESS) return toStr(argument.dest);
  if (!none(argument.choices) && Array.from(iterable(argument.choices)).length > 0) return "{" + Array.from(iterable(argument.choices), toStr).join(",") + "}";
  return null;
}

export class ArgumentError extends Exception {
  static readonly __module__ = "argparse";
  argument_name: string | null;
  declare message: any;

  constructor(argument: unknown, message: unknown) {
    super(argument, message);
    this.argument_name = getActionName((argument as Action | null) ?? null);
    Object.defineProperty(this, "message", { value: message, writable: true, enumerable: true });
  }

  __str__(): string {
    return this.argument_name === null ? toStr(this.message) : `argument ${this.argument_name}: ${toStr(this.message)}`;
  }
}

export class ArgumentTypeError extends Exception {
  static readonly __module__ = "argparse";
}

const ACTION_PARAMS = ["option_strings", "dest", "nargs", "const", "default", "type", "choices", "required", "help", "metavar"] as const;
const ACTION_DEFAULTS: Record<string, unknown> = { nargs: null, const: null, default: null, type: null, choices: null, required: false, help: null, metavar: null };

export class Action {
  static readonly __module__ = "argparse";
  declare option_strings: string[];
  declare dest: any;
  declare nargs: any;
  declare const: any;
  declare default: any;
  declare type: any;
  declare choices: any;
  declare required: any;
  declare help: any;
  declare metavar: any;
  [attr: string]: any;

  constructor(...args: unknown[]) {
    const p = bindArgs(`${typeName(this)}.__init__`, args, ACTION_PARAMS, ACTION_DEFAULTS);
    for (const name of ACTION_PARAMS) (this as Record<string, unknown>)[name] = p[name];
  }

  _get_kwargs(): [string, unknown][] {
    return ACTION_PARAMS.map((n) => [n, getattr(this, n)]);
  }

  __repr__(): string {
    return attributeRepr(this, typeName(this), [], this._get_kwargs());
  }

  format_usage(): string {
    return this.option_strings[0]!;
  }

  __call__(_parser: unknown, _namespace: unknown, _values: unknown, _option_string: unknown = null): unknown {
    throw new NotImplementedError(".__call__() not defined");
  }
}

/** Calls the Action base initialiser from a subclass with the given keyword values. */
function init(self: Action, values: Record<string, unknown>): void {
  for (const name of ACTION_PARAMS) (self as Record<string, unknown>)[name] = name in values ? values[name] : ACTION_DEFAULTS[name];
}

// Subclass constructors bind their own signature first (CPython's messages name the
// subclass), then set every Action attribute.
function subclassArgs(self: object, args: unknown[], names: readonly string[], defaults: Record<string, unknown>): Record<string, unknown> {
  return bindArgs(`${typeName(self)}.__init__`, args, names, defaults);
}

export class BooleanOptionalAction extends Action {
  constructor(...args: unknown[]) {
    super(kw({ option_strings: [], dest: null }));
    const p = subclassArgs(this, args, ["option_strings", "dest", "default", "type", "choices", "required", "help", "metavar"], { default: null, type: null, choices: null, required: false, help: null, metavar: null });
    const strings: string[] = [];
    for (const s of iterable(p.option_strings) as Iterable<string>) {
      strings.push(s);
      if (s.startsWith("--")) strings.push("--no-" + s.slice(2));
    }
    init(this, { ...p, option_strings: strings, nargs: 0n });
  }
  override __call__(_parser: unknown, namespace: unknown, _values: unknown, option_string: unknown = null): null {
    if (typeof option_string === "string" && this.option_strings.includes(option_string)) setattr(namespace, this.dest, !option_string.startsWith("--no-"));
    return null;
  }
  override format_usage(): string {
    return this.option_strings.join(" | ");
  }
}

const STORE_NAMES = ["option_strings", "dest", "nargs", "const", "default", "type", "choices", "required", "help", "metavar"];

export class _StoreAction extends Action {
  constructor(...args: unknown[]) {
    super(kw({ option_strings: [], dest: null }));
    const p = subclassArgs(this, args, STORE_NAMES, ACTION_DEFAULTS);
    if (p.nargs === 0n || p.nargs === 0) {
      throw new ValueError("nargs for store actions must be != 0; if you have nothing to store, actions such as store true or store const may be more appropriate");
    }
    if (!none(p.const) && p.nargs !== OPTIONAL) throw new ValueError(`nargs must be '?' to supply const`);
    init(this, p);
  }
  override __call__(_parser: unknown, namespace: unknown, values: unknown): null {
    setattr(namespace, this.dest, values);
    return null;
  }
}

export class _StoreConstAction extends Action {
  constructor(...args: unknown[]) {
    super(kw({ option_strings: [], dest: null }));
    const p = subclassArgs(this, args, ["option_strings", "dest", "const", "default", "required", "help", "metavar"], { const: null, default: null, required: false, help: null, metavar: null });
    init(this, { ...p, nargs: 0n, metavar: null });
  }
  override __call__(_parser: unknown, namespace: unknown): null {
    setattr(namespace, this.dest, this.const);
    return null;
  }
}

export class _StoreTrueAction extends _StoreConstAction {
  constructor(...args: unknown[]) {
    const p = bindArgs(`_StoreTrueAction.__init__`, args, ["option_strings", "dest", "default", "required", "help"], { default: false, required: false, help: null });
    super(kw({ ...p, const: true }));
  }
}

export class _StoreFalseAction extends _StoreConstAction {
  constructor(...args: unknown[]) {
    const p = bindArgs(`_StoreFalseAction.__init__`, args, ["option_strings", "dest", "default", "required", "help"], { default: true, required: false, help: null });
    super(kw({ ...p, const: false }));
  }
}

/** A list value copied before an append (the default list is never changed). */
function copyItems(items: unknown): any {
  if (none(items)) return [];
  if (Array.isArray(items) && Object.getPrototypeOf(items) === Array.prototype) return items.slice();
  return copyModule.copy(items);
}

export class _AppendAction extends Action {
  constructor(...args: unknown[]) {
    super(kw({ option_strings: [], dest: null }));
    const p = subclassArgs(this, args, STORE_NAMES, ACTION_DEFAULTS);
    if (p.nargs === 0n || p.nargs === 0) {
      throw new ValueError("nargs for append actions must be != 0; if arg strings are not supplying the value to append, the append const action may be more appropriate");
    }
    if (!none(p.const) && p.nargs !== OPTIONAL) throw new ValueError(`nargs must be '?' to supply const`);
    init(this, p);
  }
  override __call__(_parser: unknown, namespace: unknown, values: unknown): null {
    const items = copyItems(getattr(namespace, this.dest, null));
    callMethod(items, "append", values);
    setattr(namespace, this.dest, items);
    return null;
  }
}

export class _AppendConstAction extends Action {
  constructor(...args: unknown[]) {
    super(kw({ option_strings: [], dest: null }));
    const p = subclassArgs(this, args, ["option_strings", "dest", "const", "default", "required", "help", "metavar"], { const: null, default: null, required: false, help: null, metavar: null });
    init(this, { ...p, nargs: 0n });
  }
  override __call__(_parser: unknown, namespace: unknown): null {
    const items = copyItems(getattr(namespace, this.dest, null));
    callMethod(items, "append", this.const);
    setattr(namespace, this.dest, items);
    return null;
  }
}

export class _CountAction extends Action {
  constructor(...args: unknown[]) {
    super(kw({ option_strings: [], dest: null }));
    const p = subclassArgs(this, args, ["option_strings", "dest", "default", "required", "help"], { default: null, required: false, help: null });
    init(this, { ...p, nargs: 0n });
  }
  override __call__(_parser: unknown, namespace: unknown): null {
    const count = getattr(namespace, this.dest, null);
    setattr(namespace, this.dest, none(count) ? 1n : add(count, 1n));
    return null;
  }
}

export class _HelpAction extends Action {
  constructor(...args: unknown[]) {
    super(kw({ option_strings: [], dest: null }));
    const p = subclassArgs(this, args, ["option_strings", "dest", "default", "help"], { dest: SUPPRESS, default: SUPPRESS, help: null });
    init(this, { ...p, nargs: 0n });
  }
  override __call__(parser: unknown): null {
    callMethod(parser, "print_help");
    callMethod(parser, "exit");
    return null;
  }
}

export class _VersionAction extends Action {
  constructor(...args: unknown[]) {
    super(kw({ option_strings: [], dest: null }));
    const p = subclassArgs(this, args, ["option_strings", "version", "dest", "default", "help"], { version: null, dest: SUPPRESS, default: SUPPRESS, help: "show program's version number and exit" });
    init(this, { ...p, nargs: 0n });
    this.version = p.version;
  }
  override __call__(parser: unknown): null {
    const version = none(this.version) ? getattr(parser, "version") : this.version;
    const formatter = callMethod(parser, "_get_formatter");
    callMethod(formatter, "add_text", version);
    callMethod(parser, "_print_message", callMethod(formatter, "format_help"), stdoutFile());
    callMethod(parser, "exit");
    return null;
  }
}

export class _ExtendAction extends _AppendAction {
  override __call__(_parser: unknown, namespace: unknown, values: unknown): null {
    const items = copyItems(getattr(namespace, this.dest, null));
    callMethod(items, "extend", values);
    setattr(namespace, this.dest, items);
    return null;
  }
}

let streams: { stdout: () => unknown; stderr: () => unknown } = { stdout: () => null, stderr: () => null };
/** sys.stdout / sys.stderr as the program has them now (set by argparse.ts). */
export function setStreams(s: typeof streams): void {
  streams = s;
}
export function stdoutFile(): unknown {
  return streams.stdout();
}
export function stderrFile(): unknown {
  return streams.stderr();
}

export { hasattr };

/** `argparse.FileType(mode, bufsize, encoding, errors)`: a type= that opens the named file. */
export class FileType {
  static readonly __module__ = "argparse";
  _mode: any;
  _bufsize: any;
  _encoding: any;
  _errors: any;

  constructor(...args: unknown[]) {
    const p = bindArgs("FileType.__init__", args, ["mode", "bufsize", "encoding", "errors"], { mode: "r", bufsize: -1n, encoding: null, errors: null });
    this._mode = p.mode;
    this._bufsize = p.bufsize;
    this._encoding = p.encoding;
    this._errors = p.errors;
  }

  __call__(string: unknown): unknown {
    const mode = toStr(this._mode);
    if (string === "-") {
      if (mode.includes("r")) return mode.includes("b") ? getattr(stdinFile(), "buffer") : stdinFile();
      if ([..."wax"].some((c) => mode.includes(c))) return mode.includes("b") ? getattr(stdoutFile(), "buffer") : stdoutFile();
      throw new ValueError(`argument "-" with mode ${repr(mode)}`);
    }
    try {
      return open(string, this._mode, this._bufsize, this._encoding, this._errors);
    } catch (e) {
      if (e instanceof OSError) throw new ArgumentTypeError(`can't open '${toStr(string)}': ${toStr(e)}`);
      throw e;
    }
  }

  __repr__(): string {
    const parts = [this._mode, this._bufsize].filter((a) => !(a === -1n || a === -1)).map((a) => repr(a));
    if (!none(this._encoding)) parts.push(`encoding=${repr(this._encoding)}`);
    if (!none(this._errors)) parts.push(`errors=${repr(this._errors)}`);
    return `${typeName(this)}(${parts.join(", ")})`;
  }
}

function stdinFile(): unknown {
  return getattr(sysModuleRef(), "stdin");
}
let sysModuleRef: () => unknown = () => null;
export function setSysModule(get: () => unknown): void {
  sysModuleRef = get;
}
