// inspect's source functions over the text the compiler keeps for a module that imports
// inspect (inspect-registry.ts): getsource, getsourcelines, findsource, getcomments, getfile,
// getsourcefile, getabsfile and getmodule, as Lib/inspect.py answers them for functions,
// methods, classes and modules. A module that does not import inspect has no source here:
// OSError("could not get source code"), as CPython for a module whose file is gone.

import { OSError, PyTypeError } from "../values/exceptions.js";
import { getattr } from "../values/builtin-functions.js";
import { Tuple } from "../values/tuple.js";
import { isClass, typeName } from "../values/typename.js";
import { repr } from "../values/repr.js";
import { PyModule } from "./module-object.js";
import { sysModule } from "./sys.js";
import { moduleSource, type ModuleSource } from "./inspect-registry.js";

const ABSENT = Symbol("absent");

function isModule(x: unknown): boolean {
  return x instanceof PyModule;
}

function isMethod(x: unknown): boolean {
  return typeof x === "function" && !isClass(x) && getattr(x, "__self__", ABSENT) !== ABSENT && getattr(x, "__func__", ABSENT) !== ABSENT;
}

function isFunctionLike(x: unknown): boolean {
  return typeof x === "function" && !isClass(x);
}

/** `inspect.unwrap`: through the `__wrapped__` chain functools.wraps leaves. */
function unwrap(x: unknown): unknown {
  const seen = new Set<unknown>();
  for (;;) {
    const inner = isFunctionLike(x) ? getattr(x, "__wrapped__", ABSENT) : ABSENT;
    if (inner === ABSENT || seen.has(inner)) return x;
    seen.add(x);
    x = inner;
  }
}

/** The function a method or a functools.wraps wrapper stands for. */
function resolve(x: unknown): unknown {
  x = unwrap(x);
  if (isMethod(x)) x = unwrap(getattr(x, "__func__"));
  return x;
}

function moduleOf(name: unknown): unknown {
  return typeof name === "string" ? sysModule.modules.get(name) : undefined;
}

/** `inspect.getfile`: the file a module, class, method or function was defined in. */
export function getfile(object: unknown): string {
  if (isModule(object)) {
    const file = getattr(object, "__file__", null);
    if (typeof file === "string") return file;
    throw new PyTypeError(`${repr(object)} is a built-in module`);
  }
  if (isClass(object)) {
    const module = moduleOf(getattr(object, "__module__", null));
    const file = module === undefined ? null : getattr(module, "__file__", null);
    if (typeof file === "string") return file;
    throw new PyTypeError(`${repr(object)} is a built-in class`);
  }
  let f = object;
  if (isMethod(f)) f = getattr(f, "__func__");
  if (isFunctionLike(f) && typeName(f) === "function") {
    const module = moduleOf(getattr(f, "__module__", null));
    const file = module === undefined ? null : getattr(module, "__file__", null);
    if (typeof file === "string") return file;
  }
  throw new PyTypeError(`module, class, method, function, traceback, frame, or code object was expected, got ${typeName(object)}`);
}

/** `inspect.getmodule`: the module object an object was defined in (None when unknown). */
export function getmodule(object: unknown, _filename: unknown = null): unknown {
  if (isModule(object)) return object;
  const name = getattr(object, "__module__", null);
  return moduleOf(name) ?? null;
}

function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** `inspect.findsource`: all the module's lines and the 0-based line where the object starts. */
export function findsource(object: unknown): Tuple {
  getfile(object); // (its TypeError for what has no file)
  object = resolve(object);
  const moduleName = isModule(object) ? getattr(object, "__name__") : getattr(object, "__module__", null);
  const source = typeof moduleName === "string" ? moduleSource(moduleName) : undefined;
  if (source === undefined) throw new OSError("could not get source code");
  const lines = linesOf(source.text);
  if (isModule(object)) return Tuple.of<unknown>(lines, 0n);
  const qualname = getattr(object, "__qualname__", null) as string;
  if (isClass(object)) {
    const span = source.classes.get(qualname);
    if (span === undefined) throw new OSError("could not find class definition");
    return Tuple.of<unknown>(lines, BigInt(span[0] - 1));
  }
  const span = functionSpan(source, object);
  if (span === undefined) throw new OSError("could not find function definition");
  return Tuple.of<unknown>(lines, BigInt(span[0] - 1));
}

/**
 * A function's block: by its qualified name, else (a decorated method or a staticmethod whose
 * function does not know its class) by its code's first line, else the one def of its name.
 */
function functionSpan(source: ModuleSource, f: unknown): [number, number] | undefined {
  const qualname = getattr(f, "__qualname__", null);
  const exact = typeof qualname === "string" ? source.functions.get(qualname) : undefined;
  if (exact !== undefined) return exact;
  const code = getattr(f, "__code__", null);
  const first = code === null ? null : getattr(code, "co_firstlineno", null);
  if (typeof first === "bigint" && first > 0n) {
    for (const span of source.functions.values()) if (span[0] === Number(first)) return span;
  }
  const name = getattr(f, "__name__", null);
  const named = [...source.functions].filter(([q]) => q === name || q.endsWith(`.${String(name)}`));
  return named.length === 1 ? named[0]![1] : undefined;
}

function block(object: unknown): [string[], number] {
  object = resolve(object);
  const [lines, lnum] = findsource(object).items as [string[], bigint];
  if (isModule(object)) return [lines, 0];
  const moduleName = getattr(object, "__module__") as string;
  const source = moduleSource(moduleName)!;
  const span = (isClass(object) ? source.classes.get(getattr(object, "__qualname__") as string) : functionSpan(source, object))!;
  return [lines.slice(Number(lnum), span[1]), Number(lnum) + 1];
}

/** `inspect.getsourcelines`: the object's lines and its first line's number (0 for a module). */
export function getsourcelines(object: unknown): Tuple {
  const [lines, lnum] = block(object);
  return Tuple.of<unknown>(lines, BigInt(lnum));
}

/** `inspect.getsource`: the object's source text. */
export function getsource(object: unknown): string {
  return block(object)[0].join("");
}

function indentsize(line: string): number {
  const expanded = expandtabs(line);
  return expanded.length - expanded.trimStart().length;
}

function expandtabs(line: string): string {
  let out = "";
  for (const c of line) {
    if (c === "\t") out += " ".repeat(8 - (out.length % 8));
    else out += c;
  }
  return out;
}

const lstrip = (s: string): string => s.replace(/^\s+/, "");

/** `inspect.getcomments`: the comment lines right above the object (None if there are none). */
export function getcomments(object: unknown): string | null {
  let lines: string[];
  let lnum: number;
  try {
    const found = findsource(object).items as [string[], bigint];
    lines = found[0];
    lnum = Number(found[1]);
  } catch (e) {
    if (e instanceof OSError || e instanceof PyTypeError) return null;
    throw e;
  }
  if (isModule(object)) {
    let start = lines.length > 0 && lines[0]!.startsWith("#!") ? 1 : 0;
    while (start < lines.length && ["", "#"].includes(lines[start]!.trim())) start++;
    if (start < lines.length && lines[start]!.startsWith("#")) {
      const comments: string[] = [];
      for (let end = start; end < lines.length && lines[end]!.startsWith("#"); end++) comments.push(expandtabs(lines[end]!));
      return comments.join("");
    }
    return null;
  }
  if (lnum <= 0) return null;
  const indent = indentsize(lines[lnum]!);
  let end = lnum - 1;
  if (!(end >= 0 && lstrip(lines[end]!).startsWith("#") && indentsize(lines[end]!) === indent)) return null;
  const comments = [lstrip(expandtabs(lines[end]!))];
  if (end > 0) {
    end--;
    let comment = lstrip(expandtabs(lines[end]!));
    while (comment.startsWith("#") && indentsize(lines[end]!) === indent) {
      comments.unshift(comment);
      end--;
      if (end < 0) break;
      comment = lstrip(expandtabs(lines[end]!));
    }
  }
  while (comments.length > 0 && comments[0]!.trim() === "#") comments.shift();
  while (comments.length > 0 && comments[comments.length - 1]!.trim() === "#") comments.pop();
  return comments.join("");
}

export const inspectSourceNames = {
  getfile,
  getsourcefile: getfile,
  getabsfile: getfile,
  getmodule,
  findsource,
  getsourcelines,
  getsource,
  getcomments,
};
