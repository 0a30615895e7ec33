// decimal's Context (precision, rounding, exponent limits, flags and traps), the current
// context, and how a condition is signalled: its flag is set, and a trapped one raises.

import { KeyError, PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { iter } from "../values/iteration.js";
import { Dict } from "../values/dict.js";
import { className } from "../values/typename.js";
import {
  Clamped, DivisionByZero, InvalidOperation, Overflow, REPR_ORDER, ROUNDING_MODES, SIGNAL_ORDER, Underflow,
  signalOf, type Condition, type Rounding, type Signal,
} from "./decimal-signals.js";

/** A context's flags or traps: a mapping from each signal to a bool (`abc.SignalDict`). */
export class SignalDict {
  static readonly pythonName = "SignalDict";
  static readonly __module__ = "abc";
  private readonly values = new Map<Signal, boolean>();

  constructor(set: Iterable<Signal> = []) {
    for (const s of SIGNAL_ORDER) this.values.set(s, false);
    for (const s of set) this.set(s, true);
  }
  private key(signal: unknown): Signal {
    if (!this.values.has(signal as Signal)) throw new KeyError(signal);
    return signal as Signal;
  }
  get(signal: Signal): boolean {
    return this.values.get(signal) ?? false;
  }
  set(signal: Signal, on: boolean): void {
    this.values.set(this.key(signal), on);
  }
  __getitem__(signal: unknown): boolean {
    return this.values.get(this.key(signal))!;
  }
  __setitem__(signal: unknown, value: unknown): void {
    this.values.set(this.key(signal), Boolean(value));
  }
  __contains__(signal: unknown): boolean {
    return this.values.has(signal as Signal);
  }
  __len__(): bigint {
    return BigInt(this.values.size);
  }
  __iter__(): Iterator<Signal> {
    return this.values.keys();
  }
  [Symbol.iterator](): Iterator<Signal> {
    return this.values.keys();
  }
  keys(): Signal[] {
    return [...this.values.keys()];
  }
  values_(): boolean[] {
    return [...this.values.values()];
  }
  items(): [Signal, boolean][] {
    return [...this.values.entries()];
  }
  copy(): Dict {
    return new Dict([...this.values.entries()]);
  }
  clear(): void {
    for (const s of SIGNAL_ORDER) this.values.set(s, false);
  }
  /** The signals that are on, in the order a Context's repr lists them. */
  on(): Signal[] {
    return REPR_ORDER.filter((s) => this.values.get(s));
  }
  __repr__(): string {
    return `{${[...this.values.entries()].map(([s, v]) => `<class 'decimal.${className(s)}'>:${v ? "True" : "False"}`).join(", ")}}`;
  }
}

function signalsFrom(value: unknown): Signal[] {
  if (value === null || value === undefined) return [];
  if (value instanceof SignalDict) return value.on();
  if (value instanceof Dict) return [...value.entries()].filter(([, v]) => Boolean(v)).map(([k]) => k as Signal);
  return [...(iter(value) as Iterable<Signal>)];
}

function integer(value: unknown): number {
  if (typeof value !== "bigint") throw new PyTypeError("an integer is required");
  return Number(value);
}

function zeroOrOne(name: string, value: unknown): number {
  const v = integer(value);
  if (v !== 0 && v !== 1) throw new ValueError(`valid values for ${name} are 0 or 1`);
  return v;
}

const isNone = (x: unknown): boolean => x === null || x === undefined;

const CONTEXT_FIELDS = ["prec", "rounding", "Emin", "Emax", "capitals", "clamp", "flags", "traps"];

export class Context {
  static readonly tpName = "decimal.Context";
  static readonly __module__ = "decimal";
  /** The settings as numbers (the Python attributes below read and check them). */
  precision = 28;
  roundingMode: Rounding = "ROUND_HALF_EVEN";
  minExponent = -999999;
  maxExponent = 999999;
  capitalE = 1;
  clampExponent = 0;
  private flagDict: SignalDict;
  private trapDict: SignalDict;

  constructor(...args: unknown[]) {
    const [positional, keywords] = splitKw(args);
    const given: Record<string, unknown> = {};
    CONTEXT_FIELDS.forEach((name, i) => {
      if (i < positional.length) given[name] = positional[i];
    });
    for (const [name, value] of Object.entries(keywords)) {
      if (!CONTEXT_FIELDS.includes(name)) throw new PyTypeError(`'${name}' is an invalid keyword argument for this function`);
      given[name] = value;
    }
    const template = defaultContextTemplate;
    this.flagDict = new SignalDict(signalsFrom(given.flags));
    this.trapDict = new SignalDict(isNone(given.traps) ? template?.trapDict.on() ?? [] : signalsFrom(given.traps));
    if (template) {
      this.precision = template.precision;
      this.roundingMode = template.roundingMode;
      this.minExponent = template.minExponent;
      this.maxExponent = template.maxExponent;
      this.capitalE = template.capitalE;
      this.clampExponent = template.clampExponent;
    }
    const self = this as unknown as Record<string, unknown>;
    for (const name of ["prec", "rounding", "Emin", "Emax", "capitals", "clamp"]) {
      if (!isNone(given[name])) self[name] = given[name];
    }
  }

  get prec(): bigint {
    return BigInt(this.precision);
  }
  set prec(value: unknown) {
    const v = integer(value);
    if (v < 1 || v > 999999999999999999) throw new ValueError("valid range for prec is [1, MAX_PREC]");
    this.precision = v;
  }
  get rounding(): string {
    return this.roundingMode;
  }
  set rounding(value: unknown) {
    if (typeof value !== "string" || !(ROUNDING_MODES as readonly string[]).includes(value)) {
      throw new PyTypeError("valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN,\n   ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,\n   ROUND_05UP]");
    }
    this.roundingMode = value as Rounding;
  }
  get Emin(): bigint {
    return BigInt(this.minExponent);
  }
  set Emin(value: unknown) {
    const v = integer(value);
    if (v > 0) throw new ValueError("valid range for Emin is [MIN_EMIN, 0]");
    this.minExponent = v;
  }
  get Emax(): bigint {
    return BigInt(this.maxExponent);
  }
  set Emax(value: unknown) {
    const v = integer(value);
    if (v < 0) throw new ValueError("valid range for Emax is [0, MAX_EMAX]");
    this.maxExponent = v;
  }
  get capitals(): bigint {
    return BigInt(this.capitalE);
  }
  set capitals(value: unknown) {
    this.capitalE = zeroOrOne("capitals", value);
  }
  get clamp(): bigint {
    return BigInt(this.clampExponent);
  }
  set clamp(value: unknown) {
    this.clampExponent = zeroOrOne("clamp", value);
  }
  get flags(): SignalDict {
    return this.flagDict;
  }
  set flags(value: unknown) {
    this.flagDict = new SignalDict(signalsFrom(value));
  }
  get traps(): SignalDict {
    return this.trapDict;
  }
  set traps(value: unknown) {
    this.trapDict = new SignalDict(signalsFrom(value));
  }

  Etiny(): bigint {
    return BigInt(this.minExponent - this.precision + 1);
  }
  Etop(): bigint {
    return BigInt(this.maxExponent - this.precision + 1);
  }
  copy(): Context {
    const c = new Context();
    c.precision = this.precision;
    c.roundingMode = this.roundingMode;
    c.minExponent = this.minExponent;
    c.maxExponent = this.maxExponent;
    c.capitalE = this.capitalE;
    c.clampExponent = this.clampExponent;
    c.flagDict = new SignalDict(this.flagDict.on());
    c.trapDict = new SignalDict(this.trapDict.on());
    return c;
  }
  __copy__(): Context {
    return this.copy();
  }
  clear_flags(): null {
    this.flags.clear();
    return null;
  }
  clear_traps(): null {
    this.traps.clear();
    return null;
  }

  /**
   * Signals the conditions an operation met: each one's flag is set; if any is trapped, the
   * first trapped signal is raised, listing the trapped conditions (as the C module does).
   */
  signal(...conditions: Condition[]): void {
    const trapped: Condition[] = [];
    for (const condition of conditions) {
      const signal = signalOf(condition);
      this.flags.set(signal, true);
      if (this.traps.get(signal)) trapped.push(condition);
    }
    if (trapped.length === 0) return;
    trapped.sort((a, b) => SIGNAL_ORDER.indexOf(signalOf(a)) - SIGNAL_ORDER.indexOf(signalOf(b)));
    const Raised = signalOf(trapped[0]!) as new (...args: unknown[]) => Error;
    throw new Raised(trapped);
  }

  __repr__(): string {
    const names = (d: SignalDict) => `[${d.on().map((s) => className(s)).join(", ")}]`;
    return `Context(prec=${this.precision}, rounding=${this.roundingMode}, Emin=${this.minExponent}, Emax=${this.maxExponent}, capitals=${this.capitalE}, clamp=${this.clampExponent}, flags=${names(this.flagDict)}, traps=${names(this.trapDict)})`;
  }
  toString(): string {
    return this.__repr__();
  }
}

// The template new contexts copy (DefaultContext); set once it exists.
let defaultContextTemplate: Context | null = null;

export const DefaultContext = new Context(null, null, null, null, null, null, null, [InvalidOperation, DivisionByZero, Overflow]);
defaultContextTemplate = DefaultContext;
export const BasicContext = new Context(9n, "ROUND_HALF_UP", null, null, null, null, null, [Clamped, InvalidOperation, DivisionByZero, Overflow, Underflow]);
export const ExtendedContext = new Context(9n, "ROUND_HALF_EVEN", null, null, null, null, null, []);

let current: Context | null = null;

export function getcontext(): Context {
  if (current === null) current = DefaultContext.copy();
  return current;
}

export function setcontext(context: unknown): null {
  if (!(context instanceof Context)) throw new PyTypeError("argument must be a context");
  // The default contexts are templates: setting one installs a copy, as CPython does.
  current = context === DefaultContext || context === BasicContext || context === ExtendedContext ? context.copy() : context;
  return null;
}

/** `with localcontext(ctx=None, **attributes) as c:` works in a copy, restored afterwards. */
class LocalContextManager {
  static readonly pythonName = "ContextManager";
  static readonly __module__ = "decimal";
  private saved: Context | null = null;
  constructor(private readonly context: Context) {}
  __enter__(): Context {
    this.saved = getcontext();
    setcontext(this.context);
    return this.context;
  }
  __exit__(): boolean {
    setcontext(this.saved!);
    return false;
  }
}

export function localcontext(...args: unknown[]): LocalContextManager {
  const [positional, keywords] = splitKw(args);
  const base = positional[0] ?? keywords.ctx ?? null;
  if (base !== null && !(base instanceof Context)) throw new PyTypeError("optional argument must be a context");
  const context = (base ?? getcontext()).copy();
  for (const [name, value] of Object.entries(keywords)) {
    if (name === "ctx") continue;
    if (!CONTEXT_FIELDS.includes(name)) throw new PyTypeError(`'${name}' is an invalid keyword argument for this function`);
    (context as unknown as Record<string, unknown>)[name] = value;
  }
  return new LocalContextManager(context);
}
