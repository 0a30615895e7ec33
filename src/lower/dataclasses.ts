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
import { objectKey } from "../../runtime/lang/attr-names.js";
import { unparseAnnotation } from "./unparse.js";
import type { Signature } from "./signatures.js";

interface DataclassField {
  name: string;
  annotation: py.Expr;
  value: py.Expr | null;
  /** A keyword-only parameter of __init__ (after `_: KW_ONLY`, `kw_only=True`). */
  kwOnly: boolean;
  /** `x: InitVar[T]`: a parameter passed to __post_init__, not a field. */
  initVar: boolean;
  /** False for `field(init=False)`: no parameter; the default is assigned. */
  init: boolean;
}

/** Is this decorator `dataclass`, `dataclass(...)` or `dataclasses.dataclass(...)`? */
export function isDataclassDecorator(d: py.Expr): boolean {
  const target = d._type === "Call" ? d.func : d;
  return (target._type === "Name" && target.id === "dataclass") || (target._type === "Attribute" && target.attr === "dataclass");
}

/** `Name` or `module.Name` (subscripted or not) for a typing marker such as ClassVar. */
function isMarker(annotation: py.Expr, marker: string): boolean {
  const base = annotation._type === "Subscript" ? annotation.value : annotation;
  return (base._type === "Name" && base.id === marker) || (base._type === "Attribute" && base.attr === marker);
}

/** A constant boolean keyword of a call (`kw_only=True`), or null when absent or not constant. */
function booleanKeyword(call: py.Expr | null, name: string): boolean | null {
  if (call?._type !== "Call") return null;
  const k = call.keywords.find((kw) => kw.arg === name);
  if (k?.value._type !== "Constant") return null;
  const v = k.value.value;
  return v.kind === "bool" ? v.value : null;
}

/** The fields a dataclass body declares, in order (InitVars included, `_: KW_ONLY` not). */
export function dataclassFields(cls: py.ClassDef): DataclassField[] {
  const decorator = cls.decorator_list.find(isDataclassDecorator) ?? null;
  let kwOnly = booleanKeyword(decorator, "kw_only") ?? false;
  const fields: DataclassField[] = [];
  for (const s of cls.body) {
    if (s._type !== "AnnAssign" || s.target._type !== "Name" || isMarker(s.annotation, "ClassVar")) continue;
    if (isMarker(s.annotation, "KW_ONLY")) {
      kwOnly = true;
      continue;
    }
    const fieldCall = isFieldCall(s.value) ? s.value : null;
    fields.push({
      name: s.target.id,
      annotation: s.annotation,
      value: s.value,
      kwOnly: booleanKeyword(fieldCall, "kw_only") ?? kwOnly,
      initVar: isMarker(s.annotation, "InitVar"),
      init: booleanKeyword(fieldCall, "init") ?? true,
    });
  }
  return fields;
}

/** Is `value` a `field(...)` call (its default lives in the Field, not the class)? */
export function isFieldCall(value: py.Expr | null): value is py.Call {
  if (value?._type !== "Call") return false;
  const f = value.func;
  return (f._type === "Name" && f.id === "field") || (f._type === "Attribute" && f.attr === "field");
}

/** Does the field have a default (a value, or a `field()` with `default=`/`default_factory=`)? */
function hasDefault(f: DataclassField): boolean {
  if (f.value === null) return false;
  if (!isFieldCall(f.value)) return true;
  return f.value.keywords.some((k) => k.arg === "default" || k.arg === "default_factory");
}

/** The dataclass a class's first base names, when the module defines it. */
function dataclassBase(cx: LowerContext, cls: py.ClassDef): py.ClassDef | null {
  const base = cls.bases[0];
  if (base?._type !== "Name") return null;
  const known = cx.knownBinding(base.id);
  return known?.k === "class" && known.def.decorator_list.some(isDataclassDecorator) ? known.def : null;
}

/** Fields of a known dataclass base, then this class's own (a redefinition keeps its place). */
function allFields(cx: LowerContext, cls: py.ClassDef, depth = 0): DataclassField[] {
  const base = depth < 8 ? dataclassBase(cx, cls) : null;
  const inherited = base ? allFields(cx, base, depth + 1) : [];
  const own = dataclassFields(cls);
  const merged = inherited.map((f) => own.find((o) => o.name === f.name) ?? f);
  return [...merged, ...own.filter((o) => !inherited.some((f) => f.name === o.name))];
}

/** __init__'s parameters in CPython's order: positional fields, then keyword-only ones. */
function initOrder(fields: DataclassField[]): DataclassField[] {
  const params = fields.filter((f) => f.init);
  return [...params.filter((f) => !f.kwOnly), ...params.filter((f) => f.kwOnly)];
}

/** The signature of the constructor `dataclassConstructor` writes. */
export function dataclassSignature(cx: LowerContext, cls: py.ClassDef): Signature {
  const params = initOrder(allFields(cx, cls));
  const positional = params.filter((f) => !f.kwOnly).map((f) => ({ name: f.name, hasDefault: hasDefault(f), positionalOnly: false }));
  const kwonly = params.filter((f) => f.kwOnly).map((f) => ({ name: f.name, hasDefault: hasDefault(f) }));
  return { positional, vararg: null, kwonly, kwarg: null };
}

/** `dataclasses.defaultOf(Cls, "name")`: a default read from the class's Field. */
function defaultOfField(cx: LowerContext, cls: py.ClassDef, name: string): ir.Expr {
  const defaultOf: ir.Expr = { k: "member", object: cx.rt("dataclasses"), property: "defaultOf" };
  return { k: "call", callee: defaultOf, args: [{ k: "id", name: cls.name }, { k: "str", value: name }] };
}

const assignToThis = (property: string, value: ir.Expr): ir.Stmt => ({
  k: "expr",
  expr: { k: "assign", op: "=", target: { k: "member", object: { k: "this" }, property }, value },
});

/** The constructor a dataclass gets when its body defines no __init__. */
export function dataclassConstructor(cx: LowerContext, cls: py.ClassDef): ir.ClassMember {
  const fields = allFields(cx, cls);
  const params: ir.Param[] = initOrder(fields).map((f) => {
    const param: ir.Param = { name: jsName(f.name), type: lowerType(cx, f.annotation) };
    if (f.value?._type === "Constant" && !f.initVar) param.default = lowerExpr(cx, f.value);
    else if (f.value && !f.initVar && hasDefault(f)) param.default = defaultOfField(cx, cls, f.name);
    else if (f.value && f.initVar) param.default = lowerExpr(cx, f.value);
    else if (f.kwOnly) {
      const message = `__init__() missing 1 required keyword-only argument: '${f.name}'`;
      param.default = { k: "call", callee: cx.rt("missingArgument"), args: [{ k: "str", value: message }] };
    }
    return param;
  });
  const body: ir.Stmt[] = [];
  const base = dataclassBase(cx, cls);
  const baseFields = base ? allFields(cx, base) : [];
  if (cls.bases.length) {
    const baseArgs: ir.Arg[] = initOrder(baseFields).map((f) => ({ k: "id", name: jsName(f.name) }) as ir.Expr);
    body.push({ k: "expr", expr: { k: "call", callee: { k: "id", name: "super" }, args: baseArgs } });
  }
  for (const f of fields) {
    if (f.initVar || baseFields.some((b) => b.name === f.name && b.init === f.init)) continue;
    if (f.init) body.push(assignToThis(objectKey(f.name), { k: "id", name: jsName(f.name) }));
    else if (hasDefault(f)) body.push(assignToThis(objectKey(f.name), defaultOfField(cx, cls, f.name)));
  }
  const postInit = cls.body.some((s) => s._type === "FunctionDef" && s.name === "__post_init__");
  if (postInit) {
    const initVars: ir.Arg[] = fields.filter((f) => f.initVar).map((f) => ({ k: "id", name: jsName(f.name) }) as ir.Expr);
    // (only the most derived dataclass's constructor runs it: dataclasses.runsPostInit)
    const call: ir.Stmt = { k: "expr", expr: { k: "call", callee: { k: "member", object: { k: "this" }, property: "__post_init__" }, args: initVars } };
    const runs: ir.Expr = { k: "call", callee: { k: "member", object: cx.rt("dataclasses"), property: "runsPostInit" }, args: [{ k: "this" }, { k: "id", name: cls.name }] };
    body.push({ k: "if", test: runs, then: [call], else: null });
  }
  return { k: "method", name: "constructor", kind: "constructor", isStatic: false, fn: { name: null, params, body, generator: false, async: false } };
}

/** `dataclass(cls, { fields: [...], order: true })` around the class expression. */
export function applyDataclass(cx: LowerContext, cls: py.ClassDef, decorator: py.Expr, classValue: ir.Expr): ir.Expr {
  const missing: ir.Expr = { k: "member", object: cx.rt("dataclasses"), property: "MISSING" };
  const fields: ir.Expr = {
    k: "array",
    // InitVars are no fields; a keyword-only field says so in a fourth slot.
    elements: allFields(cx, cls).filter((f) => !f.initVar).map((f) => ({
      k: "array",
      elements: [
        { k: "str", value: f.name },
        f.value ? lowerExpr(cx, f.value) : missing,
        { k: "null" },
        ...(f.kwOnly ? [{ k: "bool", value: true } as ir.Expr] : []),
      ],
    })),
  };
  const props: { key: string; value: ir.Expr }[] = [{ key: "fields", value: fields }];
  const all = allFields(cx, cls);
  if (cx.attributesRead.has("type") || cx.attributesRead.has("__dataclass_fields__")) {
    // `fields(C)[i].type`: the annotation as CPython evaluated it (a string stays a string).
    const types = all.filter((f) => !f.initVar).map((f): ir.Expr => (cx.futureAnnotations ? { k: "str", value: unparseAnnotation(f.annotation) } : lowerExpr(cx, f.annotation)));
    props.push({ key: "types", value: { k: "array", elements: types } });
  }
  if (all.some((f) => f.initVar)) {
    // replace() rebuilds an instance through __init__, which also takes the InitVars.
    const str = (value: string): ir.Expr => ({ k: "str", value });
    props.push({ key: "params", value: { k: "array", elements: initOrder(all).map((f) => str(f.name)) } });
    const initVars = all.filter((f) => f.initVar).map((f): ir.Expr => ({ k: "array", elements: [str(f.name), { k: "bool", value: hasDefault(f) }] }));
    props.push({ key: "initVars", value: { k: "array", elements: initVars } });
  }
  let callee: ir.Expr;
  if (decorator._type === "Call") {
    callee = lowerExpr(cx, decorator.func);
    for (const k of decorator.keywords) if (k.arg) props.push({ key: k.arg, value: lowerExpr(cx, k.value) });
  } else callee = lowerExpr(cx, decorator);
  return { k: "call", callee, args: [classValue, { k: "object", props }], loc: cx.loc(decorator) };
}
