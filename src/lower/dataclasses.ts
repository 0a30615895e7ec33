// @dataclass: pyts writes the constructor from the annotated fields, and the runtime's
// `dataclass(cls, { fields, ...options })` adds __repr__, __eq__, ordering and frozenness.
//
//   @dataclass(order=True)            const Version = dataclass(
//   class Version:                      class Version {
//       major: int                        constructor(major: bigint, minor: bigint = 0n) {...}
//       minor: int = 0                  },
//                                       { fields: [["major", dataclasses.MISSING, null], ...], order: true },
//                                     );
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { lowerExpr } from "./expressions.js";
import { lowerType } from "./types.js";
import { jsName } from "./names.js";
import type { Signature } from "./signatures.js";

interface DataclassField {
  name: string;
  annotation: py.Expr;
  value: py.Expr | null;
}

/** Is this decorator `dataclass`, `dataclass(...)` or `dataclasses.dataclass(...)`? */
export function isDataclassDecorator(d: py.Expr): boolean {
  const target = d._type === "Call" ? d.func : d;
  return (target._type === "Name" && target.id === "dataclass") || (target._type === "Attribute" && target.attr === "dataclass");
}

function isClassVar(annotation: py.Expr): boolean {
  const base = annotation._type === "Subscript" ? annotation.value : annotation;
  return (base._type === "Name" && base.id === "ClassVar") || (base._type === "Attribute" && base.attr === "ClassVar");
}

/** The fields a dataclass body declares, in order. */
export function dataclassFields(cls: py.ClassDef): DataclassField[] {
  const fields: DataclassField[] = [];
  for (const s of cls.body) {
    if (s._type === "AnnAssign" && s.target._type === "Name" && !isClassVar(s.annotation)) {
      fields.push({ name: s.target.id, annotation: s.annotation, value: s.value });
    }
  }
  return fields;
}

/** Is `value` a `field(...)` call (its default lives in the Field, not the class)? */
export function isFieldCall(value: py.Expr | null): boolean {
  if (value?._type !== "Call") return false;
  const f = value.func;
  return (f._type === "Name" && f.id === "field") || (f._type === "Attribute" && f.attr === "field");
}

/** Fields of a known dataclass base, then this class's own (a redefinition keeps its place). */
function allFields(cx: LowerContext, cls: py.ClassDef, depth = 0): DataclassField[] {
  const base = cls.bases[0];
  let inherited: DataclassField[] = [];
  if (base?._type === "Name" && depth < 8) {
    const known = cx.knownBinding(base.id);
    if (known?.k === "class" && known.def.decorator_list.some(isDataclassDecorator)) inherited = allFields(cx, known.def, depth + 1);
  }
  const own = dataclassFields(cls);
  const merged = inherited.map((f) => own.find((o) => o.name === f.name) ?? f);
  return [...merged, ...own.filter((o) => !inherited.some((f) => f.name === o.name))];
}

function inheritedFieldCount(cx: LowerContext, cls: py.ClassDef): number {
  const base = cls.bases[0];
  if (base?._type !== "Name") return 0;
  const known = cx.knownBinding(base.id);
  return known?.k === "class" && known.def.decorator_list.some(isDataclassDecorator) ? allFields(cx, known.def).length : 0;
}

/** The signature of the constructor `dataclassConstructor` writes. */
export function dataclassSignature(cx: LowerContext, cls: py.ClassDef): Signature {
  const positional = allFields(cx, cls).map((f) => ({ name: f.name, hasDefault: f.value !== null, positionalOnly: false }));
  return { positional, vararg: null, kwonly: [], kwarg: null };
}

/** The constructor a dataclass gets when its body defines no __init__. */
export function dataclassConstructor(cx: LowerContext, cls: py.ClassDef): ir.ClassMember {
  const fields = allFields(cx, cls);
  const params: ir.Param[] = fields.map((f) => {
    const param: ir.Param = { name: jsName(f.name), type: lowerType(cx, f.annotation) };
    if (f.value?._type === "Constant") param.default = lowerExpr(cx, f.value);
    else if (f.value) {
      const defaultOf: ir.Expr = { k: "member", object: cx.rt("dataclasses"), property: "defaultOf" };
      param.default = { k: "call", callee: defaultOf, args: [{ k: "this" }, { k: "str", value: f.name }] };
    }
    return param;
  });
  // A parameter default cannot see `this` of the instance: defaults read the class instead.
  for (const p of params) {
    if (p.default?.k === "call" && p.default.args[0]?.k === "this") p.default.args[0] = { k: "id", name: cls.name };
  }
  const body: ir.Stmt[] = [];
  const inherited = inheritedFieldCount(cx, cls);
  if (cls.bases.length) {
    const baseArgs: ir.Arg[] = params.slice(0, inherited).map((p) => ({ k: "id", name: p.name }) as ir.Expr);
    body.push({ k: "expr", expr: { k: "call", callee: { k: "id", name: "super" }, args: baseArgs } });
  }
  for (const p of params.slice(inherited)) {
    body.push({ k: "expr", expr: { k: "assign", op: "=", target: { k: "member", object: { k: "this" }, property: p.name }, value: { k: "id", name: p.name } } });
  }
  const postInit = cls.body.some((s) => s._type === "FunctionDef" && s.name === "__post_init__");
  if (postInit) body.push({ k: "expr", expr: { k: "call", callee: { k: "member", object: { k: "this" }, property: "__post_init__" }, args: [] } });
  return { k: "method", name: "constructor", kind: "constructor", isStatic: false, fn: { name: null, params, body, generator: false, async: false } };
}

/** `dataclass(cls, { fields: [...], order: true })` around the class expression. */
export function applyDataclass(cx: LowerContext, cls: py.ClassDef, decorator: py.Expr, classValue: ir.Expr): ir.Expr {
  const missing: ir.Expr = { k: "member", object: cx.rt("dataclasses"), property: "MISSING" };
  const fields: ir.Expr = {
    k: "array",
    elements: allFields(cx, cls).map((f) => ({
      k: "array",
      elements: [{ k: "str", value: f.name }, f.value ? lowerExpr(cx, f.value) : missing, { k: "null" }],
    })),
  };
  const props: { key: string; value: ir.Expr }[] = [{ key: "fields", value: fields }];
  let callee: ir.Expr;
  if (decorator._type === "Call") {
    callee = lowerExpr(cx, decorator.func);
    for (const k of decorator.keywords) if (k.arg) props.push({ key: k.arg, value: lowerExpr(cx, k.value) });
  } else callee = lowerExpr(cx, decorator);
  return { k: "call", callee, args: [classValue, { k: "object", props }], loc: cx.loc(decorator) };
}
