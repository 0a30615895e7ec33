// Classes deriving from built-in types: the runtime base a class extends for `list`, `dict`,
// `set` and the immutable `str`, `int`, `float`, `tuple`, `bytes`, `frozenset`
// (runtime/lang/builtin-bases.ts, value-subclasses.ts), and `typing.NamedTuple` classes,
// which derive from the named tuple their annotated fields make.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import type { Binding } from "./scope.js";
import { lowerExpr } from "./expressions.js";
import { isModuleExpr } from "./runtime-values.js";
import { rootedAtProgramModule } from "./calls.js";

/**
 * `class L(list)` / `class D(dict)`: the runtime's subclassable list and dict; `class N(str)`
 * and the other immutable built-ins: their runtime bases (runtime/lang/value-subclasses.ts).
 */
export function builtinBase(cx: LowerContext, base: py.Expr): ir.Expr | null {
  if (base._type !== "Name" || cx.resolve(base.id) !== null) return null;
  if (base.id === "list") return cx.rt("ListBase", base);
  if (base.id === "dict") return cx.rt("DictBase", base);
  if (base.id === "set") return cx.rt("SetBase", base);
  if (base.id === "type") return cx.rt("TypeBase", base);
  const valueBase = VALUE_BASES[base.id];
  if (valueBase !== undefined) return cx.rt(valueBase, base);
  if (base.id === "bool") {
    // CPython refuses it when the class statement runs: `class B(bool)` raises TypeError then.
    return { k: "call", callee: cx.rt("unacceptableBase"), args: [{ k: "str", value: base.id }], loc: cx.loc(base) };
  }
  return null;
}

/** Built-in immutable types a class may derive from, and the runtime base standing for each. */
const VALUE_BASES: Record<string, string> = { str: "StrBase", int: "IntBase", float: "FloatBase", tuple: "TupleBase", bytes: "BytesBase", bytearray: "ByteArrayBase", frozenset: "FrozenSetBase" };

/** `NamedTuple` imported from typing, or `typing.NamedTuple`. */
export function isNamedTupleBase(cx: LowerContext, base: py.Expr): boolean {
  if (base._type === "Attribute") return base.attr === "NamedTuple" && base.value._type === "Name" && base.value.id === "typing";
  if (base._type !== "Name") return false;
  const bindings = cx.resolve(base.id)?.bindings.get(base.id);
  const stmt = bindings?.length === 1 ? bindings[0]!.stmt : null;
  return stmt?._type === "ImportFrom" && stmt.module === "typing" && stmt.names.some((a) => (a.asname ?? a.name) === base.id && a.name === "NamedTuple");
}

/**
 * `class Employee(NamedTuple)`: its annotated names are the fields (their values the
 * defaults), and it derives from the named tuple class they make (runtime namedTupleBase).
 */
export function namedTupleFields(cx: LowerContext, cls: py.ClassDef, base: py.Expr): ir.Expr {
  const fields: ir.Expr[] = [];
  const defaults: { key: string; value: ir.Expr }[] = [];
  for (const st of cls.body) {
    if (st._type !== "AnnAssign" || st.target._type !== "Name") continue;
    fields.push({ k: "str", value: st.target.id });
    if (st.value) defaults.push({ key: st.target.id, value: lowerExpr(cx, st.value) });
  }
  const args: ir.Expr[] = [{ k: "str", value: cls.name }, { k: "array", elements: fields }, { k: "object", props: defaults }];
  return { k: "call", callee: cx.rt("namedTupleBase", base), args, loc: cx.loc(base) };
}

/** Does the class, or a module class it derives from, name list/dict/set or an immutable built-in as a base? */
export function derivesFromBuiltin(cx: LowerContext, cls: py.ClassDef, depth = 0): boolean {
  if (depth > 32) return false;
  return cls.bases.some((b) => {
    if (b._type !== "Name") return false;
    if (cx.resolve(b.id) === null) return ["list", "dict", "set"].includes(b.id) || VALUE_BASES[b.id] !== undefined;
    const known = cx.known.get(b.id);
    return known?.k === "class" && known.def !== cls && derivesFromBuiltin(cx, known.def, depth + 1);
  });
}

/**
 * Does the class derive (itself or through the program's classes) from a class of a provided
 * module (`class LRU(OrderedDict)`, `class H(logging.Handler)`)? Its dunders
 * (`super().__setitem__(k, v)`) may live in the runtime's method tables, not on a JS prototype.
 */
export function derivesFromRuntimeClass(cx: LowerContext, cls: py.ClassDef, depth = 0): boolean {
  if (depth > 32) return false;
  return cls.bases.some((b) => {
    if (b._type === "Attribute") return isModuleExpr(cx, b.value) && !rootedAtProgramModule(cx, b.value);
    if (b._type !== "Name") return false;
    const known = cx.known.get(b.id);
    if (known?.k === "class") return known.def !== cls && derivesFromRuntimeClass(cx, known.def, depth + 1);
    const bindings = cx.resolve(b.id)?.bindings.get(b.id) ?? [];
    return bindings.length > 0 && bindings.every((binding) => binding.kind === "import") && !cx.programImportedNames.has(b.id);
  });
}

/**
 * A base the compiler cannot see, a class a function receives or builds (`def make(base):
 * class C(base)`, `class C(factory())`): it may be a built-in type (the runtime's
 * classStatementBase gives its runtime base) or a subclass of one, whose methods
 * `super().append(x)` reaches only through the runtime's superOf.
 */
export function isDynamicBase(cx: LowerContext, base: py.Expr): boolean {
  // (`class Point(namedtuple("Point", "x y"))` derives from the named tuple class it makes)
  if (base._type === "Call") return !isNamedTupleCall(base);
  if (base._type !== "Name") return false;
  const bindings = cx.resolve(base.id)?.bindings.get(base.id);
  const known = (binding: Binding): boolean => binding.kind === "def" || binding.kind === "import" || (binding.stmt?._type === "Assign" && isNamedTupleCall(binding.stmt.value));
  return bindings !== undefined && !bindings.every(known);
}

function isNamedTupleCall(e: py.Expr): boolean {
  return e._type === "Call" && ((e.func._type === "Name" && e.func.id === "namedtuple") || (e.func._type === "Attribute" && e.func.attr === "namedtuple"));
}

/** Does the class name a base the compiler cannot see (isDynamicBase)? */
export function hasDynamicBase(cx: LowerContext, cls: py.ClassDef): boolean {
  return cls.bases.some((b) => isDynamicBase(cx, b));
}
