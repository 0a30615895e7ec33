// Classes as objects at run time: attributes stored on a class after its class statement
// (`Point.origin = ...`, `cls.__repr__ = f` in a class decorator, new attributes set in a
// classmethod) go through the runtime's `setattr`, which makes instances see them as Python
// does (runtime/lang/class-attributes.ts). Attributes the class body defines keep plain stores.
import type * as py from "../frontend/ast.js";
import { forEachChild, type AnyNode } from "../frontend/walk.js";
import type { LowerContext } from "./context.js";
import type * as ir from "./ir.js";
import type { Scope } from "./scope.js";
import { currentClass } from "./classes.js";

/** Does some class among `cls` and its known bases bind `name` in its body? (Unknown bases: yes.) */
function classDefines(cx: LowerContext, cls: py.ClassDef, name: string, depth = 0): boolean {
  if (depth > 32 || cx.scopeOf(cls).bindings.has(name)) return true;
  return cls.bases.some((b) => {
    const known = b._type === "Name" ? cx.knownBinding(b.id) : null;
    // (a base the lowering cannot see, `unittest.TestCase`, may not define it: setattr is right either way)
    if (known?.k !== "class") return false;
    return known.def !== cls && classDefines(cx, known.def, name, depth + 1);
  });
}

/** Does the class body, or a known base's, define `name` with a `def`? */
function classDefinesMethod(cx: LowerContext, cls: py.ClassDef, name: string, depth = 0): boolean {
  if (depth > 32) return false;
  if (cls.body.some((s) => (s._type === "FunctionDef" || s._type === "AsyncFunctionDef") && s.name === name)) return true;
  return cls.bases.some((b) => {
    const known = b._type === "Name" ? cx.knownBinding(b.id) : null;
    return known?.k === "class" && known.def !== cls && classDefinesMethod(cx, known.def, name, depth + 1);
  });
}

/** Is `receiver.attr = value` a store on a class that its instances must see through `setattr`? */
export function storesNewClassAttribute(cx: LowerContext, receiver: py.Expr, attr: string): boolean {
  if (receiver._type !== "Name") return false;
  const known = cx.knownBinding(receiver.id);
  // (a method the class body defines lives on the prototype: a new one must replace it there)
  if (known?.k === "class") return !classDefines(cx, known.def, attr) || classDefinesMethod(cx, known.def, attr);
  // In a metaclass's methods the objects are classes (`cls._fields = ...` in `__new__`).
  const owner = currentClass(cx);
  if (owner !== null && cx.classBody === null && isMetaclassDef(cx, owner) && cx.resolve(receiver.id) === cx.fn.scope) return true;
  if (receiver.id === cx.fn.selfName) {
    // `cls.name = ...` in a classmethod or `__new__`.
    const cls = currentClass(cx);
    return cx.fn.classMethod && cls !== null && !classDefines(cx, cls, attr);
  }
  // The class parameter of a class decorator; a dunder stored on an unknown object (most
  // likely a class being decorated elsewhere).
  if (classParameters(cx).get(cx.fn.scope)?.has(receiver.id) && cx.resolve(receiver.id) === cx.fn.scope) return true;
  return /^__.+__$/.test(attr) && attr !== "__doc__" && attr !== "__dict__";
}

const classParameterCache = new WeakMap<LowerContext, Map<Scope, Set<string>>>();

/**
 * The first parameter of each module function applied as a class decorator (`@register`, or
 * the function a decorator factory `@comparable("x")` returns), by the function's scope.
 */
function classParameters(cx: LowerContext): Map<Scope, Set<string>> {
  let found = classParameterCache.get(cx);
  if (found) return found;
  found = new Map();
  classParameterCache.set(cx, found);
  const add = (def: py.FunctionDef | py.AsyncFunctionDef): void => {
    const first = def.args.posonlyargs[0] ?? def.args.args[0];
    if (!first) return;
    const scope = cx.scopeOf(def);
    found!.set(scope, (found!.get(scope) ?? new Set()).add(first.arg));
  };
  for (const node of cx.scopes.keys()) {
    if ((node as py.Stmt)._type !== "ClassDef") continue;
    for (const d of (node as py.ClassDef).decorator_list) {
      const callee = d._type === "Call" ? d.func : d;
      const known = callee._type === "Name" ? cx.known.get(callee.id) : undefined;
      if (known?.k !== "function") continue;
      if (d._type !== "Call") {
        add(known.def);
        continue;
      }
      // A factory: the defs it returns by name.
      for (const st of known.def.body) {
        if (st._type !== "Return" || st.value?._type !== "Name") continue;
        const name = st.value.id;
        const inner = [...known.def.body].reverse().find((x): x is py.FunctionDef => x._type === "FunctionDef" && x.name === name);
        if (inner) add(inner);
      }
    }
  }
  return found;
}

/** Does the module store attributes on class `cls` by its name that its body does not define? */
export function getsNewAttributes(cx: LowerContext, cls: py.ClassDef): boolean {
  const stored = storedAttributes(cx).get(cls.name);
  return stored !== undefined && [...stored].some((attr) => !classDefines(cx, cls, attr));
}

const storedAttributeCache = new WeakMap<LowerContext, Map<string, Set<string>>>();

/** `Name.attr = ...` / `Name.attr += ...` anywhere in the module: the attributes, by name. */
function storedAttributes(cx: LowerContext): Map<string, Set<string>> {
  let found = storedAttributeCache.get(cx);
  if (found) return found;
  found = new Map();
  storedAttributeCache.set(cx, found);
  const pending: AnyNode[] = [];
  for (const node of cx.scopes.keys()) if ((node as py.Module)._type === "Module") pending.push(...(node as py.Module).body);
  const push = (child: AnyNode): void => {
    pending.push(child);
  };
  for (let n = pending.pop(); n !== undefined; n = pending.pop()) {
    if (n._type === "Attribute" && n.ctx === "Store" && n.value._type === "Name") {
      const id = n.value.id;
      found.set(id, (found.get(id) ?? new Set()).add(n.attr));
    }
    forEachChild(n, push);
  }
  return found;
}

/** Class decorators known to return the class they are given. */
function keepsClass(d: py.Expr): boolean {
  const target = d._type === "Call" ? d.func : d;
  const name = target._type === "Name" ? target.id : target._type === "Attribute" ? target.attr : null;
  return name === "dataclass" || name === "total_ordering";
}

/**
 * May the name of this class statement be bound to something other than the class (a class
 * decorator's result, or a subclass of such a value)? Then calling it is a dynamic call.
 */
export function mayBeReplaced(cx: LowerContext, cls: py.ClassDef, depth = 0): boolean {
  if (depth > 32) return false;
  if (!cls.decorator_list.every(keepsClass) || usesMetaclass(cx, cls)) return true;
  return cls.bases.some((b) => {
    const known = b._type === "Name" ? cx.known.get(b.id) : undefined;
    return known?.k === "class" && known.def !== cls && mayBeReplaced(cx, known.def, depth + 1);
  });
}

/** A module class named as a base. */
function knownBase(cx: LowerContext, base: py.Expr): py.ClassDef | null {
  const known = base._type === "Name" ? cx.known.get(base.id) : undefined;
  return known?.k === "class" ? known.def : null;
}

/** Is the class a metaclass: does it derive from `type` (directly or through module classes)? */
export function isMetaclassDef(cx: LowerContext, cls: py.ClassDef, depth = 0): boolean {
  if (depth > 32) return false;
  return cls.bases.some((b) => {
    if (b._type === "Name" && b.id === "type" && cx.resolve(b.id, cx.moduleScope) === null) return true;
    const known = knownBase(cx, b);
    return known !== null && known !== cls && isMetaclassDef(cx, known, depth + 1);
  });
}

/** Is the class made by a metaclass: its own `metaclass=`, or a module base's? */
export function usesMetaclass(cx: LowerContext, cls: py.ClassDef, depth = 0): boolean {
  if (depth > 32) return false;
  // `class A(**kw)`: the mapping may hold `metaclass` (createClass looks at run time)
  if (cls.keywords.some((k) => k.arg === "metaclass" || k.arg === null)) return true;
  return cls.bases.some((b) => {
    const known = knownBase(cx, b);
    return known !== null && known !== cls && usesMetaclass(cx, known, depth + 1);
  });
}

function definesPrepare(cx: LowerContext, meta: py.ClassDef, depth = 0): boolean {
  if (depth > 32) return false;
  if (meta.body.some((st) => (st._type === "FunctionDef" || st._type === "AsyncFunctionDef") && st.name === "__prepare__")) return true;
  return meta.bases.some((b) => {
    const known = knownBase(cx, b);
    return known !== null && known !== meta && definesPrepare(cx, known, depth + 1);
  });
}

/**
 * Is the class made by a metaclass of the module that defines `__prepare__` (its own
 * `metaclass=`, or a base's)? Its body then also stores each name in the mapping
 * `__prepare__` returned (metaclasses.ts).
 */
/** `Meta` imported from a program module, or `mod.Meta` of one. */
function fromProgramModule(cx: LowerContext, e: py.Expr): boolean {
  if (e._type === "Name") return cx.programImportedNames.has(e.id);
  let head: py.Expr = e;
  while (head._type === "Attribute") head = head.value;
  return e._type === "Attribute" && head._type === "Name" && cx.programModuleNames.has(head.id);
}

export function preparedByMetaclass(cx: LowerContext, cls: py.ClassDef, depth = 0): boolean {
  if (depth > 32) return false;
  const given = cls.keywords.find((k) => k.arg === "metaclass");
  if (given) {
    const meta = knownBase(cx, given.value);
    // A metaclass from another of the program's modules may define __prepare__ (asked at run time).
    if (meta === null) return fromProgramModule(cx, given.value);
    return definesPrepare(cx, meta);
  }
  return cls.bases.some((b) => {
    const known = knownBase(cx, b);
    return known !== null && known !== cls && preparedByMetaclass(cx, known, depth + 1);
  });
}

/** `constructor(...args: any[]) { super(...args); }`: what JS's implicit constructor does, typed. */
export function forwardingConstructor(): ir.ClassMember {
  const call: ir.Expr = { k: "call", callee: { k: "id", name: "super" }, args: [{ k: "spread", arg: { k: "id", name: "args" } }] };
  const fn: ir.FunctionIr = { name: null, params: [{ name: "args", rest: true, type: { k: "array", element: { k: "any" } } }], body: [{ k: "expr", expr: call }], generator: false, async: false };
  return { k: "method", name: "constructor", kind: "constructor", isStatic: false, fn };
}

export function subscriptedJsBase(base: py.Expr | undefined): boolean {
  return base?._type === "Subscript";
}
