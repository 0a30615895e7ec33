// The arguments of the built-in types' methods, checked as CPython checks them on every path a
// call takes (callMethod, a bound method held as a value, the type's unbound method, `super()`
// in a subclass): keywords first, then the count of positional arguments, each refused with
// CPython's own words (method-arity.ts, generated from python3, says which words).
import { PyTypeError } from "./exceptions.js";
import { Kwargs } from "./kwargs.js";
import { bindMethodKeywords, keywordParserRefusal, positionalRange, registeredBuiltins } from "./keyword-binding.js";
import { FUNCTION_ARITY, METHOD_ARITY } from "./method-arity.js";

/** The counts of positional arguments a method takes (max Infinity: any), and how CPython refuses others. */
export interface Arity {
  readonly min: number;
  readonly max: number;
  /** n, o, p, t, k or * as in method-arity.ts. */
  readonly style: string;
}

/** A table's arities by method name, kept on the table (a null-prototype record: no JS names). */
const ARITIES = Symbol("pyts.arities");

type Table = object & { [ARITIES]?: Readonly<Record<string, Arity>> };

function parseArity(typeName: string, method: string, code: string): Arity {
  const style = code[0]!;
  if (style === "n") return { min: 0, max: 0, style };
  if (style === "o") return { min: 1, max: 1, style };
  if (style === "*") return { min: 0, max: Infinity, style };
  if (style === "k") {
    const range = positionalRange(typeName, method);
    if (range === undefined) throw new Error(`${typeName || "builtins"}.${method}: no keyword signature`);
    return { min: range[0], max: range[1], style };
  }
  const [min, max] = code.slice(1).split("-");
  return { min: Number(min), max: max === "" ? Infinity : Number(max), style };
}

/** Gives `table`, the methods of built-in type `typeName`, CPython's arities (once the table is complete). */
export function attachArities(table: object, typeName: string): void {
  const codes = METHOD_ARITY[typeName] ?? {};
  const arities = Object.create(null) as Record<string, Arity>;
  for (const name of Object.keys(table)) {
    // (a method CPython's type lacks, one the runtime adds for its own use, takes what it is given)
    arities[name] = Object.hasOwn(codes, name) ? parseArity(typeName, name, codes[name]!) : { min: 0, max: Infinity, style: "*" };
  }
  Object.defineProperty(table, ARITIES, { value: arities });
}

/** The arity of `table[name]`, undefined where the table has no such method. */
export function arityOf(table: object, name: string): Arity | undefined {
  return (table as Table)[ARITIES]?.[name];
}

/**
 * `args` of `typeName`'s method `name` (a trailing Kwargs for keywords) as the method's
 * implementation takes them: keywords bound, counts checked, or CPython's TypeError.
 */
export function methodArguments(table: object, typeName: string, name: string, args: readonly unknown[], shownType = typeName): unknown[] {
  const bound = args[args.length - 1] instanceof Kwargs ? bindMethodKeywords(typeName, name, args, shownType) : (args as unknown[]);
  const arity = arityOf(table, name);
  if (arity === undefined) return bound;
  // (an open-keyword method, dict.update, keeps its keywords last)
  const count = bound[bound.length - 1] instanceof Kwargs ? bound.length - 1 : bound.length;
  if (count < arity.min || count > arity.max) throw countError(typeName, name, arity, count, shownType);
  return bound;
}

/** CPython's TypeError for a call of `typeName.name` with `count` positional arguments, outside its arity (see countMessage). */
export function countError(typeName: string, name: string, arity: Arity, count: number, shownType = typeName): PyTypeError {
  return new PyTypeError(countMessage(typeName, name, arity, count, shownType));
}

/**
 * CPython's message for a call of `typeName.name` (of built-in function `name` where typeName
 * is "") with `count` positional arguments, outside its arity. A method held as a value names
 * its value's own type (`bool.bit_length()`), called at once the type defining it (`int.bit_length()`).
 */
export function countMessage(typeName: string, name: string, arity: Arity, count: number, shownType = typeName): string {
  const plural = (n: number) => (n === 1 ? "" : "s");
  const qualname = typeName === "" ? name : `${shownType}.${name}`;
  switch (arity.style) {
    case "n":
      return `${qualname}() takes no arguments (${count} given)`;
    case "o":
      return `${qualname}() takes exactly one argument (${count} given)`;
    case "p": {
      // Argument Clinic's positional check
      const bound = count < arity.min ? arity.min : arity.max;
      const qualifier = arity.min === arity.max ? "" : count < arity.min ? "at least " : "at most ";
      return `${name} expected ${qualifier}${bound} argument${plural(bound)}, got ${count}`;
    }
    case "k":
      // (the keyword parser words its own refusal)
      return keywordParserRefusal(typeName, name, count) ?? `${name}() takes at most ${arity.max} arguments (${count} given)`;
    default: {
      // the tuple parser's
      const bound = count < arity.min ? arity.min : arity.max;
      const qualifier = arity.min === arity.max ? "exactly" : count < arity.min ? "at least" : "at most";
      return `${name}() takes ${qualifier} ${bound} argument${plural(bound)} (${count} given)`;
    }
  }
}

/** The arity of built-in function `name` (`len`), or undefined where it is not one. */
export function functionArity(name: string): Arity | undefined {
  return Object.hasOwn(FUNCTION_ARITY, name) ? parseArity("", name, FUNCTION_ARITY[name]!) : undefined;
}

const classMethodArities = new Map<string, Arity | null>();

/** `bytes.fromhex(...)`, `{}.fromkeys(...)`: a built-in type's class or static method's positional count checked (a call with keywords is left to the method). */
export function refuseClassMethodCount(typeName: string, name: string, args: readonly unknown[]): void {
  const last = args[args.length - 1];
  if (last instanceof Kwargs && Object.keys(last.values).length > 0) return;
  const key = `${typeName}.${name}`;
  let arity = classMethodArities.get(key);
  if (arity === undefined) {
    const code = METHOD_ARITY[typeName]?.[name];
    arity = code === undefined ? null : parseArity(typeName, name, code);
    classMethodArities.set(key, arity);
  }
  const count = args[args.length - 1] instanceof Kwargs ? args.length - 1 : args.length;
  if (arity !== null && (count < arity.min || count > arity.max)) throw countError(typeName, name, arity, count);
}

/** A built-in function's name and arity, kept on the function itself (attached on first need). */
const FUNCTION_ARITY_KEY = Symbol("pyts.builtinArity");
let functionAritiesAttached = false;

interface NamedArity {
  readonly name: string;
  readonly arity: Arity;
}

function attachFunctionArities(): void {
  const source = registeredBuiltins();
  if (Object.keys(source).length === 0) return;
  functionAritiesAttached = true;
  for (const [name, code] of Object.entries(FUNCTION_ARITY)) {
    const f = source[name];
    if (typeof f === "function" && !Object.hasOwn(f, FUNCTION_ARITY_KEY)) {
      Object.defineProperty(f, FUNCTION_ARITY_KEY, { value: { name, arity: parseArity("", name, code) } satisfies NamedArity });
    }
  }
}

/** The name and arity of `f` where it is one of the built-in functions (`len`), else undefined. */
function builtinArity(f: Function): NamedArity | undefined {
  if (!functionAritiesAttached) attachFunctionArities();
  return Object.hasOwn(f, FUNCTION_ARITY_KEY) ? (f as { [FUNCTION_ARITY_KEY]?: NamedArity })[FUNCTION_ARITY_KEY] : undefined;
}

/** Does built-in function `f` (any function the runtime provides) take `count` positional arguments? */
export function acceptsCount(f: Function, count: number): boolean {
  const named = builtinArity(f);
  return named === undefined || (count >= named.arity.min && count <= named.arity.max);
}

/** Refuses `args` (keywords already bound) to a runtime function that is one of the builtins, where CPython refuses their count. */
export function refuseBuiltinCount(f: Function, args: readonly unknown[]): void {
  const named = builtinArity(f);
  if (named === undefined) return;
  const count = args[args.length - 1] instanceof Kwargs ? args.length - 1 : args.length;
  if (count < named.arity.min || count > named.arity.max) throw countError("", named.name, named.arity, count);
}
