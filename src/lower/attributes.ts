// Attribute reads. A JS object gives `undefined` for a property it lacks where Python raises
// AttributeError. Reads the lowering can prove find the attribute stay plain member reads
// (`self.x` where the class's `__init__` always sets `x`, `Point.count` for a class
// attribute); every other read is `obj.name ?? unsetAttribute(obj, "name")`: one comparison
// while the value is not None, and AttributeError when the attribute was never set. (A
// Proxy or a getter trap at the end of every instance's prototype chain would catch misses
// too, but V8 then routes every store of a new attribute through the trap.)
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { isDataclassDecorator } from "./dataclasses.js";

/** Per class: the names every instance has (class members and what `__init__` always sets). */
const instanceNames = new WeakMap<py.ClassDef, Set<string>>();
/** Per class: the names the class object has (its members and its bases' members). */
const classNames = new WeakMap<py.ClassDef, Set<string>>();

/** The module class a base expression names, when the lowering knows it. */
function knownClass(cx: LowerContext, e: py.Expr): py.ClassDef | null {
  if (e._type !== "Name") return null;
  const known = cx.known.get(e.id);
  return known?.k === "class" ? known.def : null;
}

/** Python's private-name rule for `__x` written in class `cls`. */
function privateName(cls: py.ClassDef, name: string): string {
  if (!name.startsWith("__") || name.endsWith("__")) return name;
  const owner = cls.name.replace(/^_+/, "");
  return owner ? `_${owner}${name}` : name;
}

/** Names a class body binds: methods, class attributes, nested classes (dataclass fields). */
export function classMemberNames(cx: LowerContext, cls: py.ClassDef, depth = 0): Set<string> {
  let names = classNames.get(cls);
  if (names) return names;
  names = new Set();
  const dataclass = cls.decorator_list.some(isDataclassDecorator);
  for (const st of cls.body) {
    if (st._type === "FunctionDef" || st._type === "AsyncFunctionDef" || st._type === "ClassDef") names.add(privateName(cls, st.name));
    else if (st._type === "Assign") for (const t of st.targets) collectNames(cls, t, names);
    else if (st._type === "AnnAssign" && st.target._type === "Name" && (st.value || dataclass)) names.add(privateName(cls, st.target.id));
  }
  if (depth < 32) {
    for (const base of cls.bases) {
      const known = knownClass(cx, base);
      if (known && known !== cls) for (const n of classMemberNames(cx, known, depth + 1)) names.add(n);
    }
  }
  classNames.set(cls, names);
  return names;
}

function collectNames(cls: py.ClassDef, target: py.Expr, into: Set<string>): void {
  if (target._type === "Name") into.add(privateName(cls, target.id));
  else if (target._type === "Tuple" || target._type === "List") for (const el of target.elts) collectNames(cls, el._type === "Starred" ? el.value : el, into);
}

/** `self.NAME = ...` targets among the statements that always run at the top of a body. */
function selfStores(cls: py.ClassDef, self: string, target: py.Expr, into: Set<string>): void {
  if (target._type === "Attribute" && target.value._type === "Name" && target.value.id === self) into.add(privateName(cls, target.attr));
  else if (target._type === "Tuple" || target._type === "List") for (const el of target.elts) selfStores(cls, self, el._type === "Starred" ? el.value : el, into);
}

/** Does this statement call `super().__init__(...)` (or `Base.__init__(self, ...)`)? */
function callsBaseInit(st: py.Stmt): boolean {
  if (st._type !== "Expr" || st.value._type !== "Call" || st.value.func._type !== "Attribute") return false;
  return st.value.func.attr === "__init__";
}

/** Names every instance of `cls` has once its `__init__` returned. */
export function instanceAttributeNames(cx: LowerContext, cls: py.ClassDef, depth = 0): Set<string> {
  let names = instanceNames.get(cls);
  if (names) return names;
  names = new Set(classMemberNames(cx, cls));
  const init = [...cls.body].reverse().find((st): st is py.FunctionDef => st._type === "FunctionDef" && st.name === "__init__");
  const self = init?.args.posonlyargs[0]?.arg ?? init?.args.args[0]?.arg;
  // Without an __init__ of its own, or with one that runs the base's, the bases' attributes count.
  let runsBaseInit = init === undefined;
  if (init && self) {
    // Only the statements that run on every call, up to the first that may leave early.
    for (const st of init.body) {
      if (st._type === "Assign") for (const t of st.targets) selfStores(cls, self, t, names);
      else if (st._type === "AnnAssign" && st.value) selfStores(cls, self, st.target, names);
      else if (callsBaseInit(st)) runsBaseInit = true;
      else if (st._type === "Return" || st._type === "Raise" || st._type === "Try" || st._type === "If" || st._type === "While" || st._type === "For" || st._type === "With" || st._type === "Match") break;
    }
  }
  if (runsBaseInit && depth < 32) {
    for (const base of cls.bases) {
      const known = knownClass(cx, base);
      if (known && known !== cls) for (const n of instanceAttributeNames(cx, known, depth + 1)) names.add(n);
    }
  }
  instanceNames.set(cls, names);
  return names;
}

/**
 * `object.name` read: plain when it surely finds the attribute (`self` in a method of `cls`,
 * or a module class), else checked by `unsetAttribute` when the value is None or missing.
 */
export function attributeRead(cx: LowerContext, e: py.Attribute, object: ir.Expr, name: string, cls: py.ClassDef | null, loc: ir.Loc): ir.Expr {
  const member: ir.Expr = { k: "member", object, property: name, loc };
  if (surelyHas(cx, e.value, name, cls)) return member;
  const check = (target: ir.Expr): ir.Expr => ({ k: "call", callee: cx.rt("unsetAttribute"), args: [target, { k: "str", value: name }], loc });
  // A name can be read twice; another expression is evaluated once, inside the helper.
  // (`?.`: reading an attribute of None raises AttributeError too.) A module class's
  // statics are typed, so a name it lacks is read by the helper too; so are the builtins
  // (`len.nothing`, `OSError.filename`: their runtime classes declare few Python names).
  if (e.value._type === "Name" && cx.knownBinding(e.value.id)?.k !== "class" && cx.resolve(e.value.id) !== null) return { k: "logical", op: "??", left: { ...member, optional: true }, right: check(object), loc };
  return { k: "call", callee: cx.rt("readAttribute"), args: [object, { k: "str", value: name }], loc };
}

export function surelyHas(cx: LowerContext, value: py.Expr, name: string, cls: py.ClassDef | null): boolean {
  if (value._type !== "Name" || cx.deletedAttributes.has(name)) return false;
  if (cls && value.id === cx.fn.selfName) {
    return (cx.fn.classMethod ? classMemberNames(cx, cls) : instanceAttributeNames(cx, cls)).has(name);
  }
  const known = cx.knownBinding(value.id);
  return known?.k === "class" && classMemberNames(cx, known.def).has(name);
}
