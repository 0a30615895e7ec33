// try/except/else/finally. Handlers become one `catch` that tests the caught value against
// each `except` clause in order and rethrows when none matches.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { lowerExpr } from "./expressions.js";
import { lowerBlock } from "./statements.js";
import { bindName, handlerOnly } from "./targets.js";
import { jsName } from "./names.js";

/** The test for one `except` clause against the caught value. */
function matches(cx: LowerContext, caught: ir.Expr, type: py.Expr): ir.Expr {
  if (type._type === "Tuple") {
    return type.elts.map((t) => matches(cx, caught, t)).reduce((left, right) => ({ k: "logical", op: "||", left, right }));
  }
  return { k: "binary", op: "instanceof", left: caught, right: lowerExpr(cx, type), loc: cx.loc(type) };
}

export function lowerTry(cx: LowerContext, s: py.Try): ir.Stmt[] {
  const loc = cx.loc(s);
  const body = lowerBlock(cx, s.body);
  let handler: ir.Stmt[] | null = null;
  let param: string | null = null;
  const elseFlag = s.orelse.length && s.handlers.length ? cx.temp("completed") : null;

  if (s.handlers.length) {
    param = cx.temp("error");
    const caught: ir.Expr = { k: "id", name: param };
    cx.fn.caught.push(param);
    try {
      // Build the if / else-if chain from the last clause back to the first.
      let chain: ir.Stmt[] = [{ k: "throw", arg: caught }];
      for (let i = s.handlers.length - 1; i >= 0; i--) {
        const h = s.handlers[i]!;
        const block: ir.Stmt[] = [];
        if (h.name && handlerOnly(cx.fn.scope, h.name)) {
          // Python unbinds the name after the handler: it is the handler's own constant.
          block.push({ k: "decl", kind: "const", name: jsName(h.name), type: { k: "any" }, init: caught, loc: cx.loc(h) });
        } else if (h.name) block.push(bindName(cx, h.name, caught, cx.loc(h)));
        block.push(...lowerBlock(cx, h.body));
        if (!h.type) {
          if (i !== s.handlers.length - 1) cx.syntaxError(h, "default 'except:' must be last");
          chain = block;
        } else {
          chain = [{ k: "if", test: matches(cx, caught, h.type), then: block, else: chain, loc: cx.loc(h) }];
        }
      }
      handler = chain;
    } finally {
      cx.fn.caught.pop();
    }
  }

  const finalizer = s.finalbody.length ? lowerBlock(cx, s.finalbody) : null;
  if (!elseFlag) {
    // try/else without handlers: the else simply follows the body.
    const block = s.handlers.length ? body : [...body, ...lowerBlock(cx, s.orelse)];
    if (!handler && !finalizer) return block;
    return [{ k: "try", block, param, handler, finalizer, loc }];
  }
  // The else clause runs only when the body completed, outside the handlers' reach.
  const flag: ir.Expr = { k: "id", name: elseFlag };
  const inner: ir.Stmt[] = [
    { k: "decl", kind: "let", name: elseFlag, init: { k: "bool", value: false } },
    { k: "try", block: [...body, { k: "expr", expr: { k: "assign", op: "=", target: flag, value: { k: "bool", value: true } } }], param, handler, finalizer: null, loc },
    { k: "if", test: flag, then: lowerBlock(cx, s.orelse), else: null },
  ];
  if (!finalizer) return [{ k: "block", body: inner }];
  return [{ k: "try", block: inner, param: null, handler: null, finalizer, loc }];
}

/** Does a statement contain a bare `raise` of its own function (not of a nested except)? */
function containsBareRaise(s: py.Stmt): boolean {
  switch (s._type) {
    case "Raise":
      return s.exc === null;
    case "If":
    case "For":
    case "AsyncFor":
    case "While":
      return [...s.body, ...s.orelse].some(containsBareRaise);
    case "With":
    case "AsyncWith":
      return s.body.some(containsBareRaise);
    case "Try":
    case "TryStar":
      // A bare raise inside a nested handler re-raises that handler's exception.
      return [...s.body, ...s.orelse, ...s.finalbody].some(containsBareRaise);
    case "Match":
      return s.cases.some((c) => c.body.some(containsBareRaise));
    default:
      return false;
  }
}

/**
 * try/except* (exception groups). The catch hands the exception to the runtime's
 * `exceptStar`, whose `take(type)` gives each clause the part of the group it matches; what
 * a clause raises is recorded, and `finish()` raises the combination of what the clauses
 * raised and what none of them handled, as CPython does.
 */
export function lowerTryStar(cx: LowerContext, s: py.TryStar): ir.Stmt[] {
  const loc = cx.loc(s);
  const body = lowerBlock(cx, s.body);
  const param = cx.temp("error");
  const handling = cx.temp("handling");
  const state: ir.Expr = { k: "id", name: handling };
  const method = (name: string, args: ir.Expr[]): ir.Expr => ({ k: "call", callee: { k: "member", object: state, property: name }, args });
  const handler: ir.Stmt[] = [{ k: "decl", kind: "const", name: handling, init: { k: "call", callee: cx.rt("exceptStar"), args: [{ k: "id", name: param }] } }];
  for (const h of s.handlers) {
    if (!h.type) return cx.syntaxError(h, "expected one or more exception types");
    // Each clause gets its own `matched` so the clause's own `raise` re-raises its part.
    const matched = cx.temp("matched");
    const matchedRef: ir.Expr = { k: "id", name: matched };
    const raised = cx.temp("raised");
    const block: ir.Stmt[] = [];
    if (h.name) block.push(bindName(cx, h.name, matchedRef, cx.loc(h)));
    // A bare `raise` re-raises the part; it throws a copy the runtime recognises, since
    // CPython treats `raise e` of the same object as raising a new exception.
    let reraise = matched;
    if (h.body.some(containsBareRaise)) {
      reraise = cx.temp("reraise");
      block.push({ k: "decl", kind: "const", name: reraise, init: method("reraiseOf", [matchedRef]) });
    }
    cx.fn.caught.push(reraise);
    try {
      block.push(...lowerBlock(cx, h.body));
    } finally {
      cx.fn.caught.pop();
    }
    const run: ir.Stmt = { k: "try", block, param: raised, handler: [{ k: "expr", expr: method("raisedBy", [matchedRef, { k: "id", name: raised }]) }], finalizer: null };
    handler.push(
      { k: "decl", kind: "const", name: matched, init: method("take", [lowerExpr(cx, h.type)]), loc: cx.loc(h) },
      { k: "if", test: { k: "binary", op: "!==", left: matchedRef, right: { k: "null" } }, then: [run], else: null },
    );
  }
  handler.push({ k: "expr", expr: method("finish", []) });

  const finalizer = s.finalbody.length ? lowerBlock(cx, s.finalbody) : null;
  if (!s.orelse.length) return [{ k: "try", block: body, param, handler, finalizer, loc }];
  // The else clause runs only when the body completed, outside the handlers' reach.
  const elseFlag = cx.temp("completed");
  const flag: ir.Expr = { k: "id", name: elseFlag };
  const inner: ir.Stmt[] = [
    { k: "decl", kind: "let", name: elseFlag, init: { k: "bool", value: false } },
    { k: "try", block: [...body, { k: "expr", expr: { k: "assign", op: "=", target: flag, value: { k: "bool", value: true } } }], param, handler, finalizer: null, loc },
    { k: "if", test: flag, then: lowerBlock(cx, s.orelse), else: null },
  ];
  if (!finalizer) return [{ k: "block", body: inner }];
  return [{ k: "try", block: inner, param: null, handler: null, finalizer, loc }];
}
