// try/except/else/finally. Handlers become one `catch` that tests the caught value against
// each `except` clause in order and rethrows when none matches.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { lowerExpr } from "./expressions.js";
import { lowerBlock } from "./statements.js";
import { bindName } from "./targets.js";

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
        if (h.name) block.push(bindName(cx, h.name, caught, cx.loc(h)));
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

/** try/except* (exception groups). */
export function lowerTryStar(cx: LowerContext, s: py.TryStar): ir.Stmt[] {
  return cx.unsupported(s, "try/except*");
}
