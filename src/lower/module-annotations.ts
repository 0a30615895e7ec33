// A module's `__annotations__`: CPython 3.11 creates the dict in the module's globals when
// the module body has annotated assignments, and each `name: hint` stores the evaluated
// hint there as it runs. pyts writes the same as plain statements (before the scopes are
// analysed, so the name is a global like any other), when the module can see the dict: it
// reads the name, lists its namespace (globals(), vars(), dir()), or other modules may.
import type * as py from "../frontend/ast.js";
import { usesNamespace } from "./module-object.js";
import { unparseAnnotation } from "./unparse.js";
import { anyNode } from "../frontend/walk.js";

const NAME = "__annotations__";

/** The module body with its `__annotations__` statements, or the body unchanged. */
export function withModuleAnnotations(body: py.Stmt[], importable: boolean): py.Stmt[] {
  if (!body.some(hasAnnotation)) return body;
  if (!importable && !readsName(body) && !usesNamespace(body)) return body;
  const first = body[0]!;
  const at: py.Span = { lineno: first.lineno, col_offset: first.col_offset, end_lineno: first.lineno, end_col_offset: first.col_offset };
  const create: py.Assign = { _type: "Assign", targets: [{ _type: "Name", id: NAME, ctx: "Store", ...at }], value: { _type: "Dict", keys: [], values: [], ...at }, type_comment: null, ...at };
  // After a docstring, which stays the module's first statement.
  const docstring = first._type === "Expr" && first.value._type === "Constant" && first.value.value.kind === "str";
  const rest = addStores(docstring ? body.slice(1) : body, body.some(futureAnnotations));
  return docstring ? [first, create, ...rest] : [create, ...rest];
}

/**
 * `__annotations__["x"] = hint` after each `x: hint` of the module scope (in blocks too); under
 * `from __future__ import annotations` the hint's source text, as CPython's compiler writes it.
 */
function addStores(body: py.Stmt[], strings: boolean): py.Stmt[] {
  const nested = (b: py.Stmt[]): py.Stmt[] => addStores(b, strings);
  return body.flatMap((s): py.Stmt[] => {
    if (s._type === "AnnAssign") {
      if (s.target._type !== "Name" || !s.simple) return [s];
      const at: py.Span = { lineno: s.annotation.lineno, col_offset: s.annotation.col_offset, end_lineno: s.annotation.end_lineno, end_col_offset: s.annotation.end_col_offset };
      const key: py.Constant = { _type: "Constant", value: { kind: "str", value: s.target.id }, kind: null, ...at };
      const target: py.Subscript = { _type: "Subscript", value: { _type: "Name", id: NAME, ctx: "Load", ...at }, slice: key, ctx: "Store", ...at };
      const value: py.Expr = strings ? annotationText(s.annotation) : s.annotation;
      const store: py.Assign = { _type: "Assign", targets: [target], value, type_comment: null, ...at };
      return [s, store];
    }
    switch (s._type) {
      case "If":
      case "While":
      case "For":
      case "AsyncFor":
        return [{ ...s, body: nested(s.body), orelse: nested(s.orelse) }];
      case "With":
      case "AsyncWith":
        return [{ ...s, body: nested(s.body) }];
      case "Try":
      case "TryStar":
        return [{ ...s, body: nested(s.body), handlers: s.handlers.map((h) => ({ ...h, body: nested(h.body) })), orelse: nested(s.orelse), finalbody: nested(s.finalbody) }];
      default:
        return [s];
    }
  });
}

/** An annotated assignment in the module's scope (not in a def or class). */
function hasAnnotation(s: py.Stmt): boolean {
  switch (s._type) {
    case "AnnAssign":
      return true;
    case "If":
    case "While":
    case "For":
    case "AsyncFor":
      return s.body.some(hasAnnotation) || s.orelse.some(hasAnnotation);
    case "With":
    case "AsyncWith":
      return s.body.some(hasAnnotation);
    case "Try":
    case "TryStar":
      return [s.body, ...s.handlers.map((h) => h.body), s.orelse, s.finalbody].some((b) => b.some(hasAnnotation));
    default:
      return false;
  }
}

/** The hint as CPython stores it under `from __future__ import annotations`: its text. */
export function annotationText(hint: py.Expr): py.Constant {
  const at: py.Span = { lineno: hint.lineno, col_offset: hint.col_offset, end_lineno: hint.end_lineno, end_col_offset: hint.end_col_offset };
  return { _type: "Constant", value: { kind: "str", value: unparseAnnotation(hint) }, kind: null, ...at };
}

/** `from __future__ import annotations`: hints are stored as their source text. */
export function futureAnnotations(s: py.Stmt): boolean {
  return s._type === "ImportFrom" && s.module === "__future__" && s.names.some((a) => a.name === "annotations");
}

function readsName(body: readonly py.Stmt[]): boolean {
  return anyNode(body, (n) => n._type === "Name" && n.id === NAME);
}
