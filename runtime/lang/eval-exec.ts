// The builtins eval, exec and compile: source known only at run time is compiled by pyts's own
// compiler (its `snippet` entry, src/snippet.ts), loaded on the first use: `pyts run`
// registers it (globalThis[Symbol.for("pyts.compiler")]); built output run by node finds it in
// the pyts package beside the program. The compiled body runs inside `with (scope)`, where
// `scope` answers for the Python names the code mentions: a read looks in the locals mapping,
// then the globals dict, then the builtins (`globals["__builtins__"]` when given), as CPython's
// LOAD_NAME; an assignment stores into the locals mapping (the globals dict when none is
// given). The functions, lambdas, comprehensions and class bodies the code defines read their
// globals as `$globals.name`, a second scope over the globals dict and the builtins only
// (CPython's LOAD_GLOBAL): they see later changes of the dict, never the locals mapping.
import { Dict } from "../values/dict.js";
import { Bytes } from "../values/bytes.js";
import { nameErrorOf, PySyntaxError, PyTypeError, RuntimeError, ValueError, IndentationError, TabError, KeyError } from "../values/exceptions.js";
import { getitem, setitem, delitem } from "../values/subscript.js";
import { typeName } from "../values/typename.js";
import { repr } from "../values/repr.js";
import { splitKw } from "../values/kwargs.js";
import { nodeModule, nodeProcess } from "../core/host.js";
import { builtinsNamespace } from "../modules/module-spec.js";
import { PyModule } from "../modules/module-object.js";
import { ModuleNamespace } from "../modules/module-namespace.js";
import { objectKey } from "./attr-names.js";
import { Tuple } from "../values/tuple.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { registerSnippetFrames } from "./frames.js";
import { callValue } from "../modules/pycall.js";
import { sysModule } from "../modules/sys.js";
import { getattr } from "../values/builtin-functions.js";

/** What the compiler's snippet entry gives (src/snippet.ts). */
interface SnippetCompiler {
  compileSnippet(source: string, filename: string, mode: Mode): { body: string; names: [string, string][]; lines?: [number, number][] };
  nonLiteral(source: string): { node: string; line: number } | null;
  snippetErrors(error: unknown): { kind: string; message: string; line: number; col: number; unsupported: boolean; compiler: boolean }[] | null;
}

const COMPILER = Symbol.for("pyts.compiler");
const RUNTIME = Symbol.for("@pyts/runtime");
let compiler: SnippetCompiler | null = null;
let runtimeExports: object | null = null;

/** Node's require, resolving from the program's entry script (or the working folder). */
function requireNearProgram(specifier: string): unknown {
  if (nodeProcess() === undefined) throw new Error("no Node.js");
  const { createRequire } = nodeModule("node:module");
  const { pathToFileURL } = nodeModule("node:url");
  const from = [nodeProcess()!.argv[1], `${nodeProcess()!.cwd()}/`].filter((p): p is string => typeof p === "string");
  let failure: unknown = null;
  for (const place of from) {
    try {
      return createRequire(pathToFileURL(place).href)(specifier);
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

function snippetCompiler(): SnippetCompiler {
  if (compiler !== null) return compiler;
  const registered = (globalThis as Record<symbol, unknown>)[COMPILER];
  try {
    compiler = typeof registered === "function" ? (registered as () => SnippetCompiler)() : (requireNearProgram("pyts/snippet") as SnippetCompiler);
  } catch {
    throw new RuntimeError("compiling Python source at run time (eval, exec, compile, timeit with a statement string) needs the pyts compiler: run the program with `pyts run`, or install the pyts package beside the built program");
  }
  return compiler;
}

/** The runtime's exports, which the compiled code reads its helpers from. */
function runtime(): object {
  if (runtimeExports !== null) return runtimeExports;
  const preloaded = (globalThis as Record<symbol, unknown>)[RUNTIME];
  runtimeExports = (typeof preloaded === "object" && preloaded !== null ? preloaded : requireNearProgram("@pyts/runtime")) as object;
  return runtimeExports;
}

type Mode = "exec" | "eval" | "single";
type SnippetBody = (rt: object, scope: object, globalScope: object) => unknown;

/** A code object (`compile(...)`): the source compiled once, run by eval/exec. */
export class PyCode {
  static pythonName = "code";
  readonly co_name = "<module>";
  readonly co_firstlineno = 1n;
  constructor(
    readonly co_filename: string,
    readonly mode: Mode,
    readonly run: SnippetBody,
    readonly names: ReadonlyMap<string, string>,
    readonly source: string,
  ) {}

  __repr__(): string {
    return `<code object <module> at 0x${identity(this)}, file "${this.co_filename}", line 1>`;
  }
}

let nextIdentity = 0x7f0000001000;
const identities = new WeakMap<object, number>();
function identity(x: object): string {
  let id = identities.get(x);
  if (id === undefined) identities.set(x, (id = (nextIdentity += 0x90)));
  return id.toString(16);
}

/**
 * The SyntaxError (IndentationError, TabError) CPython raises for the source, with its place:
 * exec's source is read as a file (its line ends with a newline); in eval's, an error at the
 * very end has offset 0.
 */
function syntaxError(kind: string, message: string, filename: string, source: string | null, mode: Mode, line: number, col: number): PySyntaxError {
  const lines = (source ?? "").split(/(?<=\r\n|\r(?!\n)|\n)/);
  let text = line >= 1 ? (lines[line - 1] ?? "") : "";
  const ended = /[\r\n]$/.test(text);
  if (line >= 1 && mode === "exec" && !ended) text += "\n";
  const bare = text.replace(/\r?\n$|\r$/, "");
  const atEnd = line < 1 || (mode !== "exec" && !ended && line >= lines.length && col >= bare.length);
  const offset = atEnd ? 0 : col + 1;
  // The end of the token there (a name or number, else one character); none for an unclosed bracket.
  const token = /^[\p{L}\p{N}_]+/u.exec(bare.slice(col))?.[0].length ?? (col < bare.length ? 1 : 0);
  const end = atEnd || /was never closed/.test(message) ? 0 : /^unmatched/.test(message) ? offset : offset + token;
  const Kind = kind === "IndentationError" ? IndentationError : kind === "TabError" ? TabError : PySyntaxError;
  return new Kind(message, Tuple.of(filename, BigInt(Math.max(line, 0)), BigInt(offset), source === null ? null : text, BigInt(Math.max(line, 0)), BigInt(end)));
}

/** The Python exception for a failure of the compiler on `source`. */
function compileError(c: SnippetCompiler, error: unknown, filename: string, source: string, mode: Mode): unknown {
  const first = c.snippetErrors(error)?.[0];
  if (first === undefined) return error;
  if (first.unsupported) return new RuntimeError(`pyts cannot run this code: ${filename}:${first.line}:${first.col + 1}: ${first.message}`);
  // CPython's compiler reads the line from the file: source given as a string has none.
  return syntaxError(first.kind, first.message, filename, first.compiler && !realFile(filename) ? null : source, mode, first.line, first.col);
}

/**
 * `ast.literal_eval(text)`: the value of a Python literal (numbers, strings, bytes, tuples,
 * lists, dicts, sets, booleans, None, `set()`, `1+2j`), else CPython's ValueError naming the
 * node it refused.
 */
export function literalEval(node: unknown): unknown {
  if (typeof node !== "string" && !(node instanceof Bytes)) throw new ValueError(`malformed node or string: ${repr(node)}`);
  const text = (sourceText(node) ?? "").replace(/^[ \t]+/, "");
  const c = snippetCompiler();
  let refused: { node: string; line: number } | null;
  try {
    refused = c.nonLiteral(text);
  } catch (error) {
    throw compileError(c, error, "<unknown>", text, "eval");
  }
  if (refused?.node === "None") throw new ValueError("malformed node or string: None");
  if (refused !== null) throw new ValueError(`malformed node or string on line ${refused.line}: <ast.${refused.node} object at 0x${identity({})}>`);
  return pyEval(text, Dict.of<unknown, unknown>(["__builtins__", Dict.of<unknown, unknown>(["set", builtinsNamespace().get("set")])]));
}

let compiledCount = 0;
const FUNCTION_HEADER_LINES = 2;

/** Compiles `source` in `mode`; a syntax error as CPython's SyntaxError. */
function compileSource(source: string, filename: string, mode: Mode): PyCode {
  const c = snippetCompiler();
  let compiled: { body: string; names: [string, string][]; lines?: [number, number][] };
  try {
    compiled = c.compileSnippet(source, filename, mode);
  } catch (error) {
    throw compileError(c, error, filename, source, mode);
  }
  // (named by a sourceURL, so a traceback finds its frames: lang/frames.ts)
  const url = `pyts-compiled-${++compiledCount}`;
  const run = new Function("$rt", "$scope", "$globals", `${compiled.body}\n//# sourceURL=${url}`) as SnippetBody;
  // The body starts on the third line of the function V8 makes (`function anonymous(...\n) {\n`).
  // (its last two lines end the top level's function, called there, and the `with` block)
  const outerLine = FUNCTION_HEADER_LINES + compiled.body.split("\n").length - 1;
  registerSnippetFrames(url, filename, source, (compiled.lines ?? []).map(([body, line]) => [body + FUNCTION_HEADER_LINES, line]), outerLine);
  return new PyCode(filename, mode, run, new Map(compiled.names), source);
}

function realFile(filename: string): boolean {
  try {
    return nodeProcess() !== undefined && nodeModule("node:fs").statSync(filename).isFile();
  } catch {
    return false;
  }
}

/** The text of a source argument (str, bytes), or null. */
function sourceText(source: unknown): string | null {
  if (typeof source === "string") return source;
  if (source instanceof Bytes) return new TextDecoder("utf-8", { fatal: true }).decode(source);
  return null;
}

const STATE = Symbol("pyts.snippetScope");

interface ScopeState {
  globals: Dict;
  locals: unknown;
}

/** The builtins the code sees: its globals' `__builtins__` (a dict or a module), else the runtime's. */
function lookupBuiltin(globals: Dict, name: string): unknown {
  const given = globals.get("__builtins__");
  if (given instanceof Dict) return given.get(name);
  if (given instanceof PyModule) {
    const key = objectKey(name);
    return Object.hasOwn(given, key) || key in given ? (given as unknown as Record<string, unknown>)[key] : undefined;
  }
  return builtinsNamespace().get(name);
}

/** A value of the locals mapping, or undefined when it has no such key. */
function localValue(locals: unknown, name: string): unknown {
  if (plainDict(locals)) return locals.get(name);
  try {
    return getitem(locals, name);
  } catch (error) {
    if (error instanceof KeyError) return undefined;
    throw error;
  }
}

/** A dict whose items are read directly (CPython's exact dict); a subclass's `__getitem__` and `__setitem__` are called. */
function plainDict(x: unknown): x is Dict {
  return x instanceof Dict && (x.constructor === Dict || x instanceof ModuleNamespace);
}

/** Stores `value` under `name` in a mapping (`undefined`: `del name`). */
function storeName(mapping: unknown, name: string, value: unknown): void {
  if (value === undefined) {
    if (plainDict(mapping)) mapping.delete(name);
    else delitem(mapping, name);
  } else if (plainDict(mapping)) mapping.set(name, value);
  else setitem(mapping, name, value);
}

/**
 * The object the code's names are found in: at its top level the locals mapping, then the
 * globals, then the builtins (`topLevel`); in the functions and classes it defines (the
 * emitted code reads them as `$globals.name`) the globals, then the builtins.
 */
function scopeOver(names: ReadonlyMap<string, string>, state: ScopeState, topLevel: boolean): object {
  const store = topLevel ? state.locals : state.globals;
  return new Proxy(Object.create(null) as object, {
    has: (_target, key) => typeof key === "string" && names.has(key),
    get: (_target, key) => {
      if (key === STATE) return state;
      if (typeof key !== "string") return undefined;
      const name = names.get(key);
      if (name === undefined) return undefined;
      const value = (topLevel ? localValue(state.locals, name) : undefined) ?? (!topLevel || state.locals !== state.globals ? state.globals.get(name) : undefined) ?? lookupBuiltin(state.globals, name);
      if (value === undefined) throw nameErrorOf(`name '${name}' is not defined`, name);
      return value;
    },
    set: (_target, key, value) => {
      const name = typeof key === "string" ? names.get(key) : undefined;
      if (name === undefined) return false;
      storeName(store, name, value);
      return true;
    },
    deleteProperty: (_target, key) => {
      const name = typeof key === "string" ? names.get(key) : undefined;
      if (name !== undefined) storeName(store, name, undefined);
      return true;
    },
  });
}

function stateOf(scope: object): ScopeState {
  return (scope as Record<symbol, ScopeState>)[STATE];
}

/** `globals()` in code run by eval/exec. */
export function snippetGlobals(scope: object): Dict {
  return stateOf(scope).globals;
}

/** `locals()` / `vars()` at the top level of code run by eval/exec. */
export function snippetLocals(scope: object): unknown {
  return stateOf(scope).locals;
}

/** `dir()` at the top level of code run by eval/exec: the locals' keys, sorted. */
export function snippetDir(scope: object): string[] {
  const locals = stateOf(scope).locals;
  const keys = locals instanceof Dict ? [...locals.keys()] : [];
  return keys.filter((k): k is string => typeof k === "string").sort();
}

/** Does `x` support the mapping protocol as CPython's PyMapping_Check sees it (`__getitem__`)? */
function isMapping(x: unknown): boolean {
  if (typeof x === "string" || Array.isArray(x) || x instanceof Tuple || x instanceof Bytes || x instanceof Dict) return true;
  return typeof x === "object" && x !== null && typeof (x as { __getitem__?: unknown }).__getitem__ === "function";
}

/** The namespaces eval/exec run with, checked as CPython checks them. */
function namespaces(fn: "eval" | "exec", globals: unknown, locals: unknown): ScopeState {
  if (globals === undefined || globals === null) {
    throw new PyTypeError(`${fn}() without globals runs in the caller's namespace: pyts passes it where the call names ${fn} directly (a call through another name must pass globals)`);
  }
  if (!(globals instanceof Dict)) {
    if (fn === "exec") throw new PyTypeError(`exec() globals must be a dict, not ${typeName(globals)}`);
    throw new PyTypeError(isMapping(globals) ? "globals must be a real dict; try eval(expr, {}, mapping)" : "globals must be a dict");
  }
  if (locals === undefined || locals === null) locals = globals;
  else if (!isMapping(locals)) {
    throw new PyTypeError(fn === "exec" ? `locals must be a mapping or None, not ${typeName(locals)}` : "locals must be a mapping");
  }
  // CPython puts the builtins in a globals dict that lacks them.
  if (!(globals instanceof ModuleNamespace) && !globals.has("__builtins__")) globals.set("__builtins__", builtinsNamespace());
  return { globals, locals };
}

function run(fn: "eval" | "exec", args: unknown[]): unknown {
  const [positional, keywords] = splitKw(args);
  const names = Object.keys(keywords).filter((k) => !(fn === "exec" && k === "closure"));
  if (names.length > 0) throw new PyTypeError(`${fn}() takes no keyword arguments`);
  if (positional.length < 1) throw new PyTypeError(`${fn} expected at least 1 argument, got 0`);
  if (positional.length > 3) throw new PyTypeError(`${fn} expected at most 3 arguments, got ${positional.length}`);
  const [source, globals, locals] = positional;
  let code: PyCode;
  if (source instanceof PyCode) code = source;
  else {
    let text = sourceText(source);
    if (text === null) throw new PyTypeError(`${fn}() arg 1 must be a string, bytes or code object`);
    // eval's string loses its leading spaces and tabs.
    if (fn === "eval") text = text.replace(/^[ \t]+/, "");
    if (text.includes("\0")) throw new ValueError("source code string cannot contain null bytes");
    code = compileSource(text, "<string>", fn === "eval" ? "eval" : "exec");
  }
  const state = namespaces(fn, globals, locals);
  const result = code.run(runtime(), scopeOver(code.names, state, true), scopeOver(code.names, state, false));
  if (result instanceof Promise) throw new RuntimeError("code run by eval/exec waited at its top level (pyts runs it synchronously)");
  return fn === "eval" && code.mode === "eval" ? result : null;
}

/** An expression statement's value at the top level of code compiled in "single" mode: `sys.displayhook(value)`. */
export function snippetDisplay(value: unknown): void {
  callValue(getattr(sysModule, "displayhook"), value);
}

/** `eval(source, globals=None, locals=None)` */
export function pyEval(...args: unknown[]): unknown {
  return run("eval", args);
}

/** `exec(source, globals=None, locals=None)` */
export function pyExec(...args: unknown[]): null {
  run("exec", args);
  return null;
}

// Their Python names (`<built-in function eval>`).
for (const [fn, name] of [[pyEval, "eval"], [pyExec, "exec"]] as const) Object.defineProperty(fn, "name", { value: name });

const COMPILE_PARAMETERS = ["source", "filename", "mode", "flags", "dont_inherit", "optimize"];

/** `ast.PyCF_ONLY_AST`: compile gives the syntax tree, which pyts's ast module does not hold. */
export const PyCF_ONLY_AST = 0x400;
/** The flags compile accepts (CPython's PyCF_MASK, PyCF_MASK_OBSOLETE and PyCF_COMPILE_MASK): the `__future__` features, CO_NESTED, and the compiler's own. */
const COMPILE_FLAGS = 0x1fe0000 | 0x10 | 0x200 | PyCF_ONLY_AST | 0x1000 | 0x2000 | 0x4000;

/** An int argument of compile (a bool is one), as CPython converts it. */
function intArgument(value: unknown): bigint {
  if (!isIntLike(value)) throw new PyTypeError(`'${typeName(value)}' object cannot be interpreted as an integer`);
  return toBigInt(value);
}

/** `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1)` */
export function pyCompile(...args: unknown[]): PyCode {
  const [positional, keywords] = splitKw(args);
  const bound: unknown[] = [...positional];
  for (const [key, value] of Object.entries(keywords)) {
    const at = COMPILE_PARAMETERS.indexOf(key);
    if (at < 0 && key !== "_feature_version") throw new PyTypeError(`compile() got an unexpected keyword argument '${key}'`);
    if (at >= 0 && at < positional.length) throw new PyTypeError(`argument for compile() given by name ('${key}') and position (${at + 1})`);
    if (at >= 0) bound[at] = value;
  }
  if (positional.length > 6) throw new PyTypeError(`compile() takes at most 6 arguments (${positional.length} given)`);
  for (let i = 0; i < 3; i++) if (bound[i] === undefined) throw new PyTypeError(`compile() missing required argument '${COMPILE_PARAMETERS[i]}' (pos ${i + 1})`);
  const [source, filename, mode, flags = 0n, dontInherit = false, optimize = -1n] = bound;
  const flagBits = intArgument(flags);
  intArgument(dontInherit);
  const level = intArgument(optimize);
  if ((flagBits & ~BigInt(COMPILE_FLAGS)) !== 0n) throw new ValueError("compile(): unrecognised flags");
  if (level < -1n || level > 2n) throw new ValueError("compile(): invalid optimize value");
  if ((flagBits & BigInt(PyCF_ONLY_AST)) !== 0n) throw new RuntimeError("compile() with ast.PyCF_ONLY_AST: pyts's ast module has no syntax tree classes (it provides literal_eval)");
  if (source instanceof PyCode) return source;
  const text = sourceText(source);
  if (text === null) throw new PyTypeError("compile() arg 1 must be a string, bytes or AST object");
  if (typeof filename !== "string") throw new PyTypeError(`compile() argument 'filename' must be str, not ${typeName(filename)}`);
  if (mode !== "exec" && mode !== "eval" && mode !== "single") throw new ValueError("compile() mode must be 'exec', 'eval' or 'single'");
  if (text.includes("\0")) throw new ValueError("source code string cannot contain null bytes");
  return compileSource(text, filename, mode);
}
Object.defineProperty(pyCompile, "name", { value: "compile" });
