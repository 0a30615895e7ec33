// What the lowering knows of an attribute read's receiver: a built-in type, the program's own
// instance, a bound method read to call later.
import type * as py from "../frontend/ast.js";
import type { LowerContext } from "./context.js";
import { METHOD_DUNDERS, RUNTIME_METHOD_NAMES } from "./builtins.js";
import { isModuleExpr, isRuntimeValue, isSubmodule, runtimeClassPath } from "./runtime-values.js";
import { RUNTIME_CLASS_METHOD_NAMES, RUNTIME_METHOD_OR_DATA_NAMES } from "./runtime-method-names.js";
import { currentClass } from "./classes.js";

/** `fut.set_result` or `obj.method` read without calling it: Python gives a bound method. */
export function readsBoundMethod(cx: LowerContext, e: py.Attribute): boolean {
  if (!cx.boundMethodReads.has(e)) return false;
  // `datetime.datetime.now`: a method of a module's class (not a submodule's function)
  if (isModuleExpr(cx, e.value)) return e.value._type === "Attribute" && !isSubmodule(cx, e.value) && RUNTIME_CLASS_METHOD_NAMES.has(e.attr);
  if (RUNTIME_METHOD_NAMES.has(e.attr)) return true;
  // `dd.__missing__`, `xs.__len__`, `key=d.__getitem__`: a special method read off any object
  // is bound to it by getattr, as any method is.
  if (METHOD_DUNDERS.has(e.attr)) return true;
  // A method of a runtime class: surely so off a runtime object; off another value, unless the
  // program's own objects have an attribute of that name (`self.start`, `node.head`).
  if (RUNTIME_CLASS_METHOD_NAMES.has(e.attr) && (isRuntimeValue(cx, e.value) || !ownsAttributeName(cx, e.attr))) return true;
  // (a name some runtime classes have as data, `total`, `name`: a method off an instance of a class known to have it so)
  const methodOf = RUNTIME_METHOD_OR_DATA_NAMES.get(e.attr);
  if (methodOf !== undefined) {
    const cls = runtimeClassPath(cx, e.value);
    if (cls !== null && methodOf.includes(cls)) return true;
  }
  // A name only ever defined as a `@property` reads as a plain member where the receiver is
  // an instance to TS too (a class's own read gives the property object: getattr makes it).
  return surelyInstance(cx, e.value) ? cx.plainMethodNames.has(e.attr) : cx.methodNames.has(e.attr);
}

/** Does the program give its own objects an attribute `name` (a store, a class member)? */
function ownsAttributeName(cx: LowerContext, name: string): boolean {
  return cx.storedAttributeNames.has(name) || cx.deletedAttributes.has(name) || cx.classAttributeNames.has(name) || cx.methodNames.has(name);
}

/**
 * `self` in an instance method of a class whose bases are all the module's own classes (down
 * to `object`): no built-in value, so `self.count` is its own attribute, never `list.count`.
 */
export function isPlainInstanceSelf(cx: LowerContext, e: py.Expr): boolean {
  if (e._type !== "Name" || cx.fn.selfName !== e.id || cx.fn.classMethod) return false;
  const cls = currentClass(cx);
  return cls !== null && cx.scopeOf(cls) === cx.fn.scope.parent && basesAreOwn(cx, cls, 0);
}

function basesAreOwn(cx: LowerContext, cls: py.ClassDef, depth: number): boolean {
  if (depth > 32 || cls.keywords.length > 0) return false;
  return cls.bases.every((b) => {
    if (b._type !== "Name") return false;
    if (b.id === "object" && cx.resolve(b.id) === null) return true;
    const known = cx.knownBinding(b.id);
    return known?.k === "class" && known.def !== cls && basesAreOwn(cx, known.def, depth + 1);
  });
}

/** `self` of an instance method, a parameter or a comprehension's variable: never typed as a class by TS. */
export function surelyInstance(cx: LowerContext, e: py.Expr): boolean {
  if (e._type !== "Name") return false;
  if (cx.fn.selfName === e.id) return !cx.fn.classMethod;
  const scope = cx.resolve(e.id);
  if (scope === null || scope.kind === "class") return false;
  if (scope.kind === "comprehension") return true;
  const bindings = scope.bindings.get(e.id) ?? [];
  return bindings.length > 0 && bindings.every((b) => b.kind === "param");
}

/** `str`, `int`, `bytes`...: a builtin type object (its attributes are looked up by getattr). */
export function isBuiltinType(cx: LowerContext, e: py.Expr): boolean {
  return e._type === "Name" && BUILTIN_TYPE_NAMES.has(e.id) && cx.resolve(e.id) === null;
}

const BUILTIN_TYPE_NAMES = new Set(["str", "int", "float", "bool", "complex", "list", "dict", "set", "frozenset", "tuple", "bytes", "bytearray", "memoryview", "range", "object", "type"]);

/**
 * Is `receiver.name = value` surely a store the program's own object (or a class, a module)
 * takes as JS does? Otherwise the receiver may be a list, a dict, a bound method... which
 * refuse attributes: the store checks it first (runtime/lang/attribute-stores.ts).
 */
export function storeTakesAttributes(cx: LowerContext, receiver: py.Expr): boolean {
  if (receiver._type !== "Name") return isModuleExpr(cx, receiver);
  if (cx.fn.selfName === receiver.id) return true;
  const known = cx.knownBinding(receiver.id);
  if (known !== null) return known.k !== "function";
  const scope = cx.resolve(receiver.id);
  if (scope === null || scope.kind === "class") return false;
  const bindings = scope.bindings.get(receiver.id) ?? [];
  // (`p = Point(1, 2)`: an instance of one of the module's classes, each time it is bound)
  return bindings.length > 0 && bindings.every((b) => b.kind === "assign" && b.stmt?._type === "Assign" && makesOwnInstance(cx, b.stmt.value));
}

/** A call of one of the module's classes whose instances are plain objects (no `__new__` or metaclass of its own choosing). */
function makesOwnInstance(cx: LowerContext, value: py.Expr): boolean {
  if (value._type !== "Call" || value.func._type !== "Name") return false;
  const known = cx.knownBinding(value.func.id);
  return known?.k === "class" && plainInstances(cx, known.def, 0);
}

function plainInstances(cx: LowerContext, cls: py.ClassDef, depth: number): boolean {
  if (depth > 32 || cls.keywords.length > 0 || cls.decorator_list.length > 0) return false;
  // (a statement other than a def or a plain assignment might bind `__new__` some other way)
  if (!cls.body.every((s) => plainMember(s))) return false;
  return cls.bases.every((b) => {
    if (b._type !== "Name") return false;
    if (b.id === "object" && cx.resolve(b.id) === null) return true;
    const known = cx.knownBinding(b.id);
    return known?.k === "class" && known.def !== cls && plainInstances(cx, known.def, depth + 1);
  });
}

function plainMember(s: py.Stmt): boolean {
  switch (s._type) {
    case "FunctionDef":
    case "AsyncFunctionDef":
      return s.name !== "__new__";
    case "Assign":
      return s.targets.every((t) => t._type === "Name" && t.id !== "__new__");
    case "AnnAssign":
      return s.target._type === "Name" && s.target.id !== "__new__";
    case "Expr":
    case "Pass":
      return true;
    default:
      return false;
  }
}

/**
 * `asyncio.Queue.get_nowait = f`, `Counter.shout = f` of `from collections import Counter`:
 * a store on a module's class or function, which setattr makes (a method given to a class is
 * its instances' method too). Modules themselves and their submodules are plain stores.
 */
export function storesOnImported(cx: LowerContext, receiver: py.Expr): boolean {
  if (receiver._type === "Attribute") return isModuleExpr(cx, receiver) && !isSubmodule(cx, receiver);
  if (receiver._type !== "Name" || cx.knownModule(receiver.id) !== null) return false;
  const scope = cx.resolve(receiver.id);
  const bindings = scope === cx.moduleScope ? (scope.bindings.get(receiver.id) ?? []) : [];
  return bindings.length > 0 && bindings.every((b) => b.kind === "import" && b.stmt?._type === "ImportFrom");
}
