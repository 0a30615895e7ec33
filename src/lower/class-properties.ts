// `@property` defs of a class body: the property object is made where each accessor def
// stands (`@property def x`, then `@x.setter def x` remakes it), so the body's later statements
// read the property as CPython's namespace holds it at that point.

import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { accessorDecorators } from "./class-members.js";
import { decoratorName, docstringOf, isReadOnlyProperty, readsName } from "./class-body-facts.js";

type Def = py.FunctionDef | py.AsyncFunctionDef;

function isDef(st: py.Stmt): st is Def {
  return st._type === "FunctionDef" || st._type === "AsyncFunctionDef";
}

/** The accessor a def of the body makes of a property of its name, or null for other defs. */
export function accessorRole(st: py.Stmt): "getter" | "setter" | "deleter" | "getterOf" | null {
  if (!isDef(st)) return null;
  const names = st.decorator_list.map(decoratorName);
  if (names.includes("property")) return "getter";
  if (names.includes(`${st.name}.setter`)) return "setter";
  if (names.includes(`${st.name}.deleter`)) return "deleter";
  if (names.includes(`${st.name}.getter`)) return "getterOf";
  return null;
}

/**
 * `defineProperties(this, { x: facts })` right after an accessor def: the property as it is
 * once that def has run (no setter yet after `@property def x`: `x.fset` is None).
 */
export function propertyDefinition(cx: LowerContext, cls: py.ClassDef, st: py.Stmt, deleters: { key: string; value: ir.Expr }[]): ir.ClassMember | null {
  const role = accessorRole(st);
  if (role === null || !isDef(st) || !readInBody(cls, st.name)) return null;
  const upTo = cls.body.slice(0, cls.body.indexOf(st) + 1).filter((d): d is Def => isDef(d) && d.name === st.name);
  let getterAt = -1;
  upTo.forEach((d, i) => {
    if (accessorRole(d) === "getter") getterAt = i;
  });
  if (getterAt < 0) return null;
  const getter = upTo[getterAt]!;
  const group = upTo.slice(getterAt);
  const facts: { key: string; value: ir.Expr }[] = [];
  if (role === "deleter") {
    const deleter = deleters.filter((d) => d.key === st.name).at(-1);
    if (deleter) facts.push({ key: "deleter", value: deleter.value });
  }
  if (!group.some((d) => accessorRole(d) === "setter")) facts.push({ key: "readOnly", value: { k: "bool", value: true } });
  const doc = cx.readsDocstrings ? docstringOf(getter) : null;
  if (doc !== null) facts.push({ key: "doc", value: { k: "str", value: doc } });
  const decorators = role === "getter" || role === "setter" ? accessorDecorators(cx, cls, st) : null;
  if (decorators !== null) facts.push({ key: role === "getter" ? "getDecorators" : "setDecorators", value: decorators });
  if (role !== "getter") facts.push({ key: "remade", value: { k: "bool", value: true } });
  const props: ir.Expr = { k: "object", props: [{ key: st.name, value: { k: "object", props: facts } }] };
  const call: ir.Expr = { k: "call", callee: cx.rt("defineProperties"), args: [{ k: "this" }, props] };
  return { k: "staticBlock", body: [{ k: "expr", expr: call }] };
}

/**
 * Does a statement of the body after the property's getter read its name (its accessor defs'
 * `@x.setter` aside)? Only then is the property made def by def; else once, after the body.
 */
export function readInBody(cls: py.ClassDef, name: string): boolean {
  const start = cls.body.findIndex((st) => isDef(st) && st.name === name && accessorRole(st) === "getter");
  if (start < 0) return false;
  return cls.body.slice(start + 1).some((st) => {
    if (isDef(st) && st.name === name && accessorRole(st) !== null) return readsName([st.args.defaults, st.args.kw_defaults], name);
    return readsName(st, name);
  });
}

/** `defineProperties(this, {...})` after the body, for the properties it does not read. */
export function finalProperties(cx: LowerContext, cls: py.ClassDef, deleters: { key: string; value: ir.Expr }[]): ir.ClassMember[] {
  const methodDefs = cls.body.filter(isDef);
  const properties = methodDefs.filter((st) => st.decorator_list.some((d) => decoratorName(d) === "property") && !readInBody(cls, st.name));
  if (properties.length === 0) return [];
  // `Cls.name` is the property object: what each property has besides its getter.
  const props = properties.map((st) => {
    const facts: { key: string; value: ir.Expr }[] = [];
    const deleter = deleters.find((d) => d.key === st.name);
    if (deleter) facts.push({ key: "deleter", value: deleter.value });
    if (isReadOnlyProperty(st, methodDefs)) facts.push({ key: "readOnly", value: { k: "bool", value: true } });
    const doc = cx.readsDocstrings ? docstringOf(st) : null;
    if (doc !== null) facts.push({ key: "doc", value: { k: "str", value: doc } });
    const getDecorators = accessorDecorators(cx, cls, st);
    if (getDecorators !== null) facts.push({ key: "getDecorators", value: getDecorators });
    const setter = methodDefs.find((other) => other.name === st.name && other.decorator_list.some((d) => decoratorName(d) === `${st.name}.setter`));
    const setDecorators = setter !== undefined ? accessorDecorators(cx, cls, setter) : null;
    if (setDecorators !== null) facts.push({ key: "setDecorators", value: setDecorators });
    return { key: st.name, value: { k: "object", props: facts } as ir.Expr };
  });
  const call: ir.Expr = { k: "call", callee: cx.rt("defineProperties"), args: [{ k: "this" }, { k: "object", props }] };
  return [{ k: "staticBlock", body: [{ k: "expr", expr: call }] }];
}
