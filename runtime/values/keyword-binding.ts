// Keyword arguments to the built-in functions and the built-in types' methods, bound as
// CPython's argument parsers (Argument Clinic) bind them: `pow(2, exp=5)`, `"a b".split(maxsplit=1)`,
// `round(number=2.5)`, with CPython's TypeErrors for the rest (`float() takes no keyword
// arguments`, `'x' is an invalid keyword argument for int()`, `argument for round() given by
// name ('number') and position (1)`). The runtime's implementations take their parameters
// positionally; a parameter named after a gap, and the keyword-only ones, stay keywords (the
// implementations that have such parameters read them from the Kwargs marker).
import { PyTypeError } from "./exceptions.js";
import { Kwargs, refuseDuplicateKeyword, type KwArgs } from "./kwargs.js";

/** A C-level signature: `params` may be given by position (the first `positionalOnly` only so), `kwonly` only by name. */
interface Signature {
  readonly params: readonly string[];
  readonly required: number;
  readonly positionalOnly?: number;
  readonly kwonly?: readonly string[];
}

/** CPython 3.11's signatures of the built-in functions and types that take keywords. */
const FUNCTION_SIGNATURES: ReadonlyMap<string, Signature> = new Map<string, Signature>([
  ["pow", { params: ["base", "exp", "mod"], required: 2 }],
  ["round", { params: ["number", "ndigits"], required: 1 }],
  ["sum", { params: ["iterable", "start"], required: 1, positionalOnly: 1 }],
  ["enumerate", { params: ["iterable", "start"], required: 1 }],
  ["complex", { params: ["real", "imag"], required: 0 }],
  ["memoryview", { params: ["object"], required: 1 }],
  ["property", { params: ["fget", "fset", "fdel", "doc"], required: 0 }],
  ["int", { params: ["x", "base"], required: 0, positionalOnly: 1 }],
  ["str", { params: ["object", "encoding", "errors"], required: 0 }],
  ["bytes", { params: ["source", "encoding", "errors"], required: 0 }],
  ["bytearray", { params: ["source", "encoding", "errors"], required: 0 }],
]);

/** Built-in functions and types that take no keyword arguments at all. */
const NO_KEYWORD_FUNCTIONS: ReadonlySet<string> = new Set([
  "len", "abs", "float", "list", "tuple", "set", "frozenset", "divmod", "isinstance", "issubclass", "hex", "oct",
  "bin", "chr", "ord", "range", "iter", "repr", "ascii", "format", "hash", "getattr", "setattr", "hasattr",
  "delattr", "callable", "id", "next", "any", "all", "bool", "input", "slice", "reversed", "map", "filter",
  "vars", "dir", "aiter", "anext",
]);

/** The names whose calls with keywords the runtime binds (the lowering sends such calls through callValue). */
export const KEYWORD_CHECKED_BUILTINS: ReadonlySet<string> = new Set([...FUNCTION_SIGNATURES.keys(), ...NO_KEYWORD_FUNCTIONS]);

const SPLIT: Signature = { params: ["sep", "maxsplit"], required: 0 };
const SPLITLINES: Signature = { params: ["keepends"], required: 0 };
const EXPANDTABS: Signature = { params: ["tabsize"], required: 0 };
const CODEC: Signature = { params: ["encoding", "errors"], required: 0 };
const HEX: Signature = { params: ["sep", "bytes_per_sep"], required: 0 };
const TO_BYTES: Signature = { params: ["length", "byteorder"], required: 0, kwonly: ["signed"] };
const FROM_BYTES: Signature = { params: ["bytes", "byteorder"], required: 1, kwonly: ["signed"] };
const TRANSLATE: Signature = { params: ["table", "delete"], required: 1, positionalOnly: 1 };

/** The built-in types' methods that take keywords (`type.method`). */
const METHOD_SIGNATURES: ReadonlyMap<string, Signature> = new Map<string, Signature>([
  ["str.split", SPLIT], ["str.rsplit", SPLIT], ["str.splitlines", SPLITLINES], ["str.expandtabs", EXPANDTABS], ["str.encode", CODEC],
  ["bytes.split", SPLIT], ["bytes.rsplit", SPLIT], ["bytes.splitlines", SPLITLINES], ["bytes.expandtabs", EXPANDTABS],
  ["bytes.decode", CODEC], ["bytes.hex", HEX], ["bytes.translate", TRANSLATE],
  ["bytearray.split", SPLIT], ["bytearray.rsplit", SPLIT], ["bytearray.splitlines", SPLITLINES], ["bytearray.expandtabs", EXPANDTABS],
  ["bytearray.decode", CODEC], ["bytearray.hex", HEX], ["bytearray.translate", TRANSLATE],
  ["list.sort", { params: [], required: 0, kwonly: ["key", "reverse"] }],
  ["int.to_bytes", TO_BYTES], ["bool.to_bytes", TO_BYTES], ["int.from_bytes", FROM_BYTES], ["bool.from_bytes", FROM_BYTES],
]);

/** Methods that take any keywords (`str.format(**fields)`, `dict.update(a=1)`): left to the method. */
const OPEN_KEYWORD_METHODS: ReadonlySet<string> = new Set(["str.format", "dict.update"]);

/** The call's positional arguments and its keywords (null without any). */
function splitCall(args: readonly unknown[]): [unknown[], KwArgs | null] {
  const last = args[args.length - 1];
  if (!(last instanceof Kwargs)) return [args as unknown[], null];
  return [args.slice(0, -1), Object.keys(last.values).length > 0 ? last.values : null];
}

/**
 * `args` (ending in a Kwargs marker) bound to `signature` as CPython binds them, for the
 * function CPython calls `name` in its messages: the positional values, then the keywords
 * left for the implementation. Throws CPython's TypeError where CPython's parser would.
 */
function bindSignature(name: string, signature: Signature, args: readonly unknown[]): unknown[] {
  const [given, named] = splitCall(args);
  refuseCounts(name, signature, given.length, named === null ? 0 : Object.keys(named).length);
  if (named === null) return given;
  const { params, required } = signature;
  const kwonly = signature.kwonly ?? [];
  const names = Object.keys(named);
  const values = given.slice();
  const left: KwArgs = Object.create(null) as KwArgs;
  let gap = false;
  params.forEach((param, index) => {
    if (index < given.length) return;
    if (Object.hasOwn(named, param) && index >= (signature.positionalOnly ?? 0)) {
      // (after a parameter left out, the rest stay keywords: the implementation's defaults apply)
      if (gap) left[param] = named[param];
      else values.push(named[param]);
    } else if (index < required) {
      throw new PyTypeError(`${name}() missing required argument '${param}' (pos ${index + 1})`);
    } else {
      gap = true;
    }
  });
  for (const key of names) {
    const index = params.indexOf(key);
    if (index >= 0 && index < given.length && index >= (signature.positionalOnly ?? 0)) {
      throw new PyTypeError(`argument for ${name}() given by name ('${key}') and position (${index + 1})`);
    }
    if (kwonly.includes(key)) left[key] = named[key];
    else if (index < (signature.positionalOnly ?? 0)) throw new PyTypeError(`'${key}' is an invalid keyword argument for ${name}()`);
  }
  if (Object.keys(left).length > 0) values.push(new Kwargs(left));
  return values;
}

/** The counts CPython's keyword parser refuses before it binds any name, in its order and words. */
function refuseCounts(name: string, signature: Signature, positional: number, keywords: number): void {
  const refusal = countRefusal(name, signature, positional, keywords);
  if (refusal !== null) throw new PyTypeError(refusal);
}

/** What refuseCounts raises, or null. */
function countRefusal(name: string, signature: Signature, positional: number, keywords: number): string | null {
  const most = signature.params.length + (signature.kwonly?.length ?? 0);
  const plural = (n: number) => (n === 1 ? "" : "s");
  if (positional + keywords > most) {
    return `${name}() takes at most ${most} ${positional === 0 ? "keyword " : ""}argument${plural(most)} (${positional + keywords} given)`;
  }
  const maxPositional = signature.params.length;
  if (positional > maxPositional) {
    if (maxPositional === 0) return `${name}() takes no positional arguments`;
    const exactly = signature.required >= maxPositional;
    return `${name}() takes ${exactly ? "exactly" : "at most"} ${maxPositional} positional argument${plural(maxPositional)} (${positional} given)`;
  }
  const leastPositional = Math.min(signature.required, signature.positionalOnly ?? 0);
  if (positional < leastPositional) {
    return `${name}() takes ${leastPositional < maxPositional ? "at least" : "exactly"} ${leastPositional} positional argument${plural(leastPositional)} (${positional} given)`;
  }
  // (with keywords, the binding names the first parameter left without a value)
  if (keywords === 0 && positional < signature.required) return `${name}() missing required argument '${signature.params[positional]}' (pos ${positional + 1})`;
  return null;
}

/**
 * What CPython's keyword parser says to `count` positional arguments and no keywords given to a
 * keyword-taking built-in type's method (`typeName.name`) or built-in function (typeName ""),
 * or null where it accepts them.
 */
export function keywordParserRefusal(typeName: string, name: string, count: number): string | null {
  const signature = typeName === "" ? FUNCTION_SIGNATURES.get(name) : METHOD_SIGNATURES.get(`${typeName}.${name}`);
  return signature === undefined ? null : countRefusal(name, signature, count, 0);
}

/**
 * The positional counts a keyword-taking built-in type's method (`typeName.method`) or built-in
 * function (typeName "") accepts without keywords; undefined where it takes no keywords.
 */
export function positionalRange(typeName: string, name: string): [number, number] | undefined {
  const signature = typeName === "" ? FUNCTION_SIGNATURES.get(name) : METHOD_SIGNATURES.get(`${typeName}.${name}`);
  return signature === undefined ? undefined : [signature.required, signature.params.length];
}

/** A built-in function's or type's call with keywords: bound, or CPython's TypeError. Other callables' args come back as they are. */
export function bindBuiltinKeywords(name: string, args: readonly unknown[]): unknown[] {
  refuseDuplicateKeyword(args, name);
  if (NO_KEYWORD_FUNCTIONS.has(name)) {
    const [given, named] = splitCall(args);
    if (named !== null) throw new PyTypeError(`${name}() takes no keyword arguments`);
    return given;
  }
  // (enumerate binds its own keywords: CPython's messages for it are not its parser's)
  const signature = name === "enumerate" ? undefined : FUNCTION_SIGNATURES.get(name);
  return signature === undefined ? (args as unknown[]) : bindSignature(name, signature, args);
}

/** `value.method(..., kw=...)` on a built-in type `typeName`'s own method: bound as CPython binds it. */
export function bindMethodKeywords(typeName: string, method: string, args: readonly unknown[], shownType = typeName): unknown[] {
  const key = `${typeName}.${method}`;
  if (OPEN_KEYWORD_METHODS.has(key)) return args as unknown[];
  const signature = METHOD_SIGNATURES.get(key);
  if (signature !== undefined) return bindSignature(method, signature, args);
  const [given, named] = splitCall(args);
  if (named !== null) throw new PyTypeError(`${shownType}.${method}() takes no keyword arguments`);
  return given;
}

/** Each built-in function the runtime provides, by the name CPython gives it (see registerBuiltinFunctions). */
let builtinNames: WeakMap<object, string> | null = null;
let builtinSource: (() => Record<string, unknown>) | null = null;

/** The module that knows the builtins (module-spec.ts) names where they are, read on first need. */
export function registerBuiltinFunctions(source: () => Record<string, unknown>): void {
  builtinSource = source;
  builtinNames = null;
}

/** The builtins namespace, as registered (empty before). */
export function registeredBuiltins(): Record<string, unknown> {
  return builtinSource?.() ?? {};
}

/** `f(..., kw=...)` through callValue: bound when `f` is one of the builtins above. */
export function bindCalleeKeywords(f: unknown, args: readonly unknown[]): unknown[] {
  if (builtinNames === null) {
    builtinNames = new WeakMap();
    const source = registeredBuiltins();
    for (const name of KEYWORD_CHECKED_BUILTINS) {
      const value = source[name];
      if ((typeof value === "function" || (typeof value === "object" && value !== null)) && !builtinNames.has(value)) builtinNames.set(value, name);
    }
  }
  const name = typeof f === "function" || (typeof f === "object" && f !== null) ? builtinNames.get(f) : undefined;
  return name === undefined ? (args as unknown[]) : bindBuiltinKeywords(name, args);
}
