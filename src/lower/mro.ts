// Which classes of a module take part in multiple inheritance. Those classes use
// cooperative `super()` (runtime `superOf`, following `type(self).__mro__`), and when every
// ancestor is a class of the module they run `__init__` as a method that the root class's
// constructor calls, so `super().__init__(...)` can chain through the MRO. Modules without
// multiple inheritance keep JS `super` and constructors.
import type * as py from "../frontend/ast.js";
import type { LowerContext } from "./context.js";

interface Hierarchy {
  /** classes with several bases, their ancestors and their descendants */
  involved: Set<py.ClassDef>;
  /** involved classes whose ancestors are all module classes that are cooperative too */
  cooperative: Set<py.ClassDef>;
}

const hierarchies = new WeakMap<LowerContext, Hierarchy>();

/** `object` as a base adds nothing: every class derives from it. */
export function isObjectBase(cx: LowerContext, base: py.Expr): boolean {
  return base._type === "Name" && base.id === "object" && cx.resolve(base.id, cx.moduleScope) === null;
}

/** The module classes a class names as bases (null for a base that is not one). */
function knownBases(cx: LowerContext, cls: py.ClassDef, byName: Map<string, py.ClassDef>): (py.ClassDef | null)[] {
  return cls.bases
    .filter((b) => !isObjectBase(cx, b))
    .map((b) => (b._type === "Subscript" ? b.value : b)) // `Box[int]` derives from Box
    .map((b) => (b._type === "Name" && byName.has(b.id) ? byName.get(b.id)! : null));
}

/** Where the class's __init__ calls super().__init__() among its statements (-1: not at its top level; null: no __init__). */
function superInitIndex(cls: py.ClassDef): number | null {
  const init = [...cls.body].reverse().find((s): s is py.FunctionDef => s._type === "FunctionDef" && s.name === "__init__");
  if (!init) return null;
  const body = init.body.filter((s) => !(s._type === "Expr" && s.value._type === "Constant"));
  return body.findIndex(
    (s) =>
      s._type === "Expr" &&
      s.value._type === "Call" &&
      s.value.func._type === "Attribute" &&
      s.value.func.attr === "__init__" &&
      s.value.func.value._type === "Call" &&
      s.value.func.value.func._type === "Name" &&
      s.value.func.value.func.id === "super",
  );
}

/** Does the class's __init__ call super().__init__() after other statements? */
function initCallsSuperLate(cls: py.ClassDef): boolean {
  return (superInitIndex(cls) ?? 0) > 0;
}

/**
 * Does the class's __init__ leave out (or only conditionally make) the call of an `__init__`
 * that a module class among its ancestors defines? A JS constructor would run the base's body
 * anyway; CPython runs only the `__init__` the MRO finds first.
 */
function initSkipsBaseInit(cx: LowerContext, cls: py.ClassDef, byName: Map<string, py.ClassDef>): boolean {
  if (superInitIndex(cls) !== -1) return false;
  const seen = new Set<py.ClassDef>();
  const pending = [cls];
  while (pending.length) {
    for (const base of knownBases(cx, pending.pop()!, byName)) {
      // (a base that is not a module class keeps its own constructor: left as it is)
      if (base === null) return false;
      if (seen.has(base)) continue;
      seen.add(base);
      if (definesInit(base)) return true;
      pending.push(base);
    }
  }
  return false;
}

/**
 * A base naming one of the immutable built-ins a class may derive from (`class Name(str)`):
 * the runtime base's constructor runs `__new__` then `__init__` as a method, as a cooperative
 * root class does.
 */
export function isValueBase(cx: LowerContext, base: py.Expr): boolean {
  return base._type === "Name" && VALUE_TYPES.has(base.id) && cx.resolve(base.id, cx.moduleScope) === null;
}

const VALUE_TYPES = new Set(["str", "int", "float", "tuple", "bytes", "frozenset"]);

/**
 * `abc.ABC` (or `ABC` imported from abc) as a base: a runtime class without state or
 * `__init__` of its own, under which a class's `__init__` can be a method as under `object`.
 */
export function isStatelessBase(cx: LowerContext, base: py.Expr): boolean {
  // (`Generic[T]` too: its constructor only checks the arguments of a class without `__init__`)
  if (base._type === "Subscript") return isTypingGeneric(cx, base.value);
  if (base._type === "Attribute") return base.attr === "ABC" && base.value._type === "Name" && base.value.id === "abc";
  if (base._type !== "Name" || base.id !== "ABC") return false;
  const binding = cx.moduleScope.bindings.get("ABC");
  return binding !== undefined && binding.every((b) => b.stmt?._type === "ImportFrom" && b.stmt.module === "abc");
}

/** `Generic` imported from typing, or `typing.Generic`. */
function isTypingGeneric(cx: LowerContext, base: py.Expr): boolean {
  if (base._type === "Attribute") return base.attr === "Generic" && base.value._type === "Name" && base.value.id === "typing";
  if (base._type !== "Name" || base.id !== "Generic") return false;
  const binding = cx.moduleScope.bindings.get("Generic");
  return binding !== undefined && binding.every((b) => b.stmt?._type === "ImportFrom" && b.stmt.module === "typing");
}

function definesInit(cls: py.ClassDef): boolean {
  return cls.body.some((s) => s._type === "FunctionDef" && s.name === "__init__");
}

function definesNew(cls: py.ClassDef): boolean {
  return cls.body.some((s) => s._type === "FunctionDef" && s.name === "__new__");
}

/**
 * Is every decorator of the class a function the module defines (`@frozen`, `@fields("a")`)?
 * Such a decorator may replace `__init__` (`cls.__init__ = f`), which runs only where
 * `__init__` is a method the root constructor looks up.
 */
export function decoratedByProgram(cx: LowerContext, cls: py.ClassDef): boolean {
  const programFunction = (e: py.Expr): boolean => {
    const callee = e._type === "Call" ? e.func : e;
    return callee._type === "Name" && cx.knownBinding(callee.id)?.k === "function";
  };
  return cls.decorator_list.length > 0 && cls.decorator_list.every(programFunction);
}

function analyze(cx: LowerContext): Hierarchy {
  const classes = [...cx.scopes.keys()].filter((n): n is py.ClassDef => (n as py.Stmt)._type === "ClassDef");
  // Module-level class names bound once (the names `class D(B, C)` can refer to statically).
  const byName = new Map<string, py.ClassDef>();
  for (const c of classes) {
    const known = cx.known.get(c.name);
    if (known?.k === "class" && known.def === c) byName.set(c.name, c);
  }
  // Classes with several bases; also those whose __init__ runs statements before
  // super().__init__() (JS constructors cannot), or skips a base's __init__ (a JS constructor
  // must run its base's), which the same __init__-as-method scheme serves.
  // Classes defining __new__ too: their instances are made by it, then `__init__` runs as a method.
  // A program that calls `__init__` itself (`obj.__init__(...)`, `Cls.__init__(obj)`) needs it as a
  // method of every class that defines one: a JS constructor cannot run on an existing object.
  // So does a class a decorator of the program's may give a new `__init__`.
  const explicitInit = cx.callsInitExplicitly;
  const initStored = cx.storedAttributeNames.has("__init__");
  const involved = new Set(
    classes.filter((c) => c.bases.filter((b) => !isObjectBase(cx, b)).length > 1 || initCallsSuperLate(c) || initSkipsBaseInit(cx, c, byName) || definesNew(c) || c.bases.some((b) => isValueBase(cx, b)) || (explicitInit && definesInit(c)) || (initStored && decoratedByProgram(cx, c))),
  );
  // Ancestors of a class with several bases, then everything deriving from an involved class.
  const pending = [...involved];
  while (pending.length) {
    for (const base of knownBases(cx, pending.pop()!, byName)) {
      if (base && !involved.has(base)) {
        involved.add(base);
        pending.push(base);
      }
    }
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of classes) {
      if (!involved.has(c) && knownBases(cx, c, byName).some((b) => b !== null && involved.has(b))) {
        involved.add(c);
        grew = true;
      }
    }
  }
  const cooperative = new Set<py.ClassDef>();
  const isCooperative = (c: py.ClassDef, depth: number): boolean => {
    if (cooperative.has(c)) return true;
    if (depth > 32 || !involved.has(c) || (c.decorator_list.length && !decoratedByProgram(cx, c)) || c.keywords.length) return false;
    const bases = c.bases.filter((b) => !isObjectBase(cx, b));
    const ok = knownBases(cx, c, byName).every((b, i) => (b === null ? isValueBase(cx, bases[i]!) || isStatelessBase(cx, bases[i]!) : isCooperative(b, depth + 1)));
    if (ok) cooperative.add(c);
    return ok;
  };
  for (const c of involved) isCooperative(c, 0);
  return { involved, cooperative };
}

function hierarchy(cx: LowerContext): Hierarchy {
  let h = hierarchies.get(cx);
  if (!h) {
    h = analyze(cx);
    hierarchies.set(cx, h);
  }
  return h;
}

/** Does the class take part in multiple inheritance (its `super()` follows the MRO)? */
export function inMultipleInheritance(cx: LowerContext, cls: py.ClassDef): boolean {
  return hierarchy(cx).involved.has(cls);
}

/** Is the class's `__init__` a method run by its root's constructor (bound at run time)? */
export function initIsMethod(cx: LowerContext, cls: py.ClassDef): boolean {
  return hierarchy(cx).cooperative.has(cls);
}

/**
 * Which base the JS class extends: the first one, unless a later base is not a cooperative
 * module class (a built-in such as Exception): JS objects get their layout (an Error, an
 * Array) from the class they extend, as a Python instance does from its "solid" base.
 */
export function jsBaseIndex(cx: LowerContext, bases: py.Expr[]): number {
  if (bases.length < 2) return 0;
  const index = bases.findIndex((b) => {
    const known = b._type === "Name" ? cx.knownBinding(b.id) : null;
    return known?.k !== "class" || !initIsMethod(cx, known.def);
  });
  return Math.max(index, 0);
}
