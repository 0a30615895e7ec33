// Python's `inspect`, the parts pyts can answer honestly: the `is...` predicates, `getmembers`
// (with a predicate), `getdoc`/`cleandoc`, `getmro`, `signature` (inspect-signature.ts).
// `getsource`, `getsourcelines`, `getcomments`, `getfile`, `getmodule` (inspect-source.ts) read
// the text the compiler keeps for a module that imports inspect; frames as the stack shows them
// (inspect-frames.ts), argspecs (inspect-argspec.ts), class helpers and blocks (inspect-classes.ts).
import { defSource } from "../lang/function-info.js";
import { PyTypeError } from "../values/exceptions.js";
import { isClass } from "../values/typename.js";
import { getattr } from "../values/builtin-functions.js";
import { MethodDescriptorType, typeOf, WrapperDescriptorType } from "../values/builtin-types.js";
import { truthy } from "../values/truth.js";
import { Tuple } from "../values/tuple.js";
import { dir } from "../lang/objects.js";
import { PyClassMethod, PyStaticMethod } from "../lang/method-objects.js";
import { PyProperty } from "../lang/descriptors.js";
import { boundParts } from "../lang/bound-parts.js";
import { markPendingDescriptors } from "../values/descriptor-marks.js";
import { DESCRIPTOR_KIND } from "../values/type-dunders.js";
import { MethodWrapperType } from "./types-descriptors.js";
import { iscoroutinefunction as coroutineFunction } from "../core/coroutine-function.js";
import { PyGenerator } from "../core/generator.js";
import { Coroutine } from "../core/coroutine.js";
import { AsyncGenerator_ } from "../core/async-generator.js";
import { PyModule, moduleObject } from "./module-object.js";
import { signatureNames } from "./inspect-signature.js";
import { inspectExtraNames } from "./inspect-extras.js";
import { inspectSourceNames } from "./inspect-source.js";
import { inspectArgspecNames } from "./inspect-argspec.js";
import { inspectFrameNames } from "./inspect-frames.js";
import { inspectClassNames } from "./inspect-classes.js";
import { BlockFinder } from "./inspect-blockfinder.js";
import { ClosureVars, getclosurevars } from "./inspect-closure.js";

const BOUND = Symbol.for("pyts.boundMethod");
const ABSENT = Symbol("absent");

function source(f: unknown): string {
  return defSource(f);
}

export function isclass(x: unknown): boolean {
  return isClass(x);
}

export function ismodule(x: unknown): boolean {
  return x instanceof PyModule;
}

export function ismethod(x: unknown): boolean {
  return typeof x === "function" && Object.hasOwn(x, BOUND) && !isObjectSlotMethod(x);
}

/**
 * `obj.__init__`, `obj.__str__` where obj's class inherits the method from object: a bound
 * slot of object, CPython's method-wrapper (not a method: it has no `__func__`).
 */
function isObjectSlotMethod(x: unknown): boolean {
  return boundParts(x)?.owner === typeOf({});
}

export function ismethodwrapper(x: unknown): boolean {
  return isObjectSlotMethod(x) || (MethodWrapperType as { __instancecheck__(x: unknown): boolean }).__instancecheck__(x);
}

export function isfunction(x: unknown): boolean {
  return typeOf(x)?.__name__ === "function";
}

export function isbuiltin(x: unknown): boolean {
  return typeOf(x)?.__name__ === "builtin_function_or_method" && !isBuiltinDescriptor(x);
}

/** `str.upper`, `object.__init__`: a built-in type's method read off the type (a method or slot descriptor in CPython). */
function isBuiltinDescriptor(x: unknown): boolean {
  if (typeof x !== "function") return false;
  markPendingDescriptors();
  return Object.hasOwn(x, DESCRIPTOR_KIND);
}

export function isroutine(x: unknown): boolean {
  return isfunction(x) || ismethod(x) || isbuiltin(x) || ismethoddescriptor(x) || ismethodwrapper(x);
}

function unwrapMethod(x: unknown): unknown {
  if (ismethod(x)) return getattr(x, "__func__");
  return x;
}

export function isgeneratorfunction(x: unknown): boolean {
  // (a def's emitted function: `{ const self = this; return new PyGenerator(f$1(self), "f"); }`)
  return /^[^{]*\{\s*(?:const\s+[\w$]+\s*=\s*[^;{}]*;\s*)*return\s+(?:(?:machineG|g)enerator\d*\(|new\s+PyGenerator[\w$]*\()/.test(source(unwrapMethod(x)));
}

export function isasyncgenfunction(x: unknown): boolean {
  return /^[^{]*\{\s*(?:const\s+[\w$]+\s*=\s*[^;{}]*;\s*)*return\s+(?:asyncGenerator\d*\(|new\s+AsyncGenerator_[\w$]*\()/.test(source(unwrapMethod(x)));
}

export function iscoroutinefunction(x: unknown): boolean {
  const f = unwrapMethod(x);
  return coroutineFunction(f) || /^[^{]*\{\s*(?:const\s+[\w$]+\s*=\s*[^;{}]*;\s*)*return\s+(?:coroutine\d*\(|new\s+Coroutine[\w$]*\()/.test(source(f));
}

export function isgenerator(x: unknown): boolean {
  return x instanceof PyGenerator;
}

export function iscoroutine(x: unknown): boolean {
  return x instanceof Coroutine;
}

export function isasyncgen(x: unknown): boolean {
  return x instanceof AsyncGenerator_;
}

export function isawaitable(x: unknown): boolean {
  if (x instanceof Coroutine) return true;
  if (x === null || x === undefined) return false;
  return getattr(x, "__await__", null) !== null;
}

export function isabstract(x: unknown): boolean {
  if (!isClass(x)) return false;
  const abstract = getattr(x, "__abstractmethods__", null) as { size?: number; __len__?: () => bigint } | null;
  return abstract !== null && truthy(abstract);
}

export function isdatadescriptor(x: unknown): boolean {
  if (isClass(x) || ismethod(x) || isfunction(x)) return false;
  if (x instanceof PyProperty) return true;
  return x !== null && typeof x === "object" && (getattr(x, "__set__", null) !== null || getattr(x, "__delete__", null) !== null);
}

export function ismethoddescriptor(x: unknown): boolean {
  if (isClass(x) || ismethod(x) || isfunction(x) || isdatadescriptor(x)) return false;
  return x instanceof PyClassMethod || x instanceof PyStaticMethod || typeOf(x) === MethodDescriptorType || typeOf(x) === WrapperDescriptorType;
}

/** `getmembers(obj, predicate=None)`: (name, value) pairs sorted by name. */
export function getmembers(obj: unknown, predicate: unknown = null): Tuple<unknown>[] {
  const out: Tuple<unknown>[] = [];
  for (const name of [...dir(obj)].sort()) {
    const value = getattr(obj, name, ABSENT);
    if (value === ABSENT) continue;
    if (predicate !== null && !truthy((predicate as (v: unknown) => unknown)(value))) continue;
    out.push(Tuple.from([name, value]));
  }
  return out;
}

/** `cleandoc(doc)`: tabs expanded, common indentation and blank edge lines removed. */
export function cleandoc(doc: unknown): string {
  const lines = String(doc).replace(/\t/g, "        ").split("\n");
  let margin = Infinity;
  for (const line of lines.slice(1)) {
    const content = line.trimStart().length;
    if (content) margin = Math.min(margin, line.length - content);
  }
  if (lines.length) lines[0] = lines[0]!.trimStart();
  if (margin < Infinity) for (let i = 1; i < lines.length; i++) lines[i] = lines[i]!.slice(margin);
  while (lines.length && !lines[lines.length - 1]) lines.pop();
  while (lines.length && !lines[0]) lines.shift();
  return lines.join("\n");
}

/** `getdoc(obj)`: the cleaned docstring, inherited from the class's bases when missing. */
export function getdoc(obj: unknown): unknown {
  let doc = getattr(obj, "__doc__", null);
  if (doc === null && isClass(obj)) {
    for (const base of (getattr(obj, "__mro__") as Tuple<unknown>).items.slice(1)) {
      if (base === typeOf({})) break;
      doc = getattr(base, "__doc__", null);
      if (doc !== null) break;
    }
  }
  return typeof doc === "string" ? cleandoc(doc) : null;
}

export function getmro(cls: unknown): Tuple<unknown> {
  if (!isClass(cls)) throw new PyTypeError("getmro() argument must be a class");
  return getattr(cls, "__mro__") as Tuple<unknown>;
}

export const inspectModule = moduleObject("inspect", {
  isclass,
  ismodule,
  ismethod,
  isfunction,
  isbuiltin,
  isroutine,
  isgeneratorfunction,
  isasyncgenfunction,
  iscoroutinefunction,
  isgenerator,
  iscoroutine,
  isasyncgen,
  isawaitable,
  isabstract,
  isdatadescriptor,
  ismethoddescriptor,
  getmembers,
  cleandoc,
  getdoc,
  getmro,
  ...signatureNames,
  ...inspectExtraNames,
  ...inspectSourceNames,
  ...inspectArgspecNames,
  ...inspectFrameNames,
  ...inspectClassNames,
  ismethodwrapper,
  BlockFinder,
  ClosureVars,
  getclosurevars: (func: unknown): any => getclosurevars(func, isfunction, ismethod),
});
