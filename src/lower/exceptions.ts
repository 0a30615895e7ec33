// try/except/else/finally. Handlers become one `catch` that tests the caught value against
// each `except` clause in order and rethrows when none matches.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { isExceptionClassName, lowerExpr } from "./expressions.js";
import { lowerBlock } from "./statements.js";
import { bindName, handlerOnly } from "./targets.js";
import { jsName } from "./names.js";
import { keepsCaught, yieldsIn } from "./kept-exceptions.js";

/** The test for one `except` clause against the caught value. */
function matches(cx: LowerContext, caught: ir.Expr, type: py.Expr): ir.Expr {
  // `except (*kinds, ValueError)`: the tuple is built at run time and matched as a whole.
  if (type._type === "Tuple" && !type.elts.some((t) => t._type === "Starred")) {
    return type.elts.map((t) => matches(cx, caught, t)).reduce((left, right) => ({ k: "logical", op: "||", left, right }));
  }
  if (!namesExceptionClass(cx, type)) {
    // A variable, call or other expression may hold a tuple of classes: decided at run time.
    return { k: "call", callee: cx.rt("exceptionMatches"), args: [caught, lowerExpr(cx, type)], loc: cx.loc(type) };
  }
  return { k: "binary", op: "instanceof", left: caught, right: lowerExpr(cx, type), loc: cx.loc(type) };
}

/** A built-in exception, a class statement's name, an imported name, or `module.Name`. */
function namesExceptionClass(cx: LowerContext, type: py.Expr): boolean {
  if (type._type === "Attribute") return type.value._type === "Name" && namesExceptionClass(cx, type.value);
  if (type._type !== "Name") return false;
  const scope = cx.resolve(type.id);
  if (scope === null) return isExceptionClassName(type.id);
  const bindings = scope.bindings.get(type.id) ?? [];
  return bindings.length > 0 && bindings.every((b) => b.stmt?._type === "ClassDef" || b.kind === "import");
}

/** An expression that cannot raise in practice: names, constants, and plain f-strings of them. */
function plainExpr(e: py.Expr): boolean {
  switch (e._type) {
    case "Name":
    case "Constant":
      return true;
    case "JoinedStr":
      return e.values.every(plainExpr);
    case "FormattedValue":
      return !e.format_spec && plainExpr(e.value);
    case "Tuple":
    case "List":
      return e.elts.every(plainExpr);
    default:
      return false;
  }
}

/**
 * Statements that raise nothing but what their `raise` statements raise (`raise` in an
 * `except` block gets its `__context__` where it is lowered): printing, plain assignments.
 */
function raisesOnlyExplicitly(stmts: py.Stmt[], raiseCounts: boolean): boolean {
  return stmts.every((st) => {
    switch (st._type) {
      case "Pass":
      case "Break":
      case "Continue":
        return true;
      case "Raise":
        return !raiseCounts;
      case "Return":
        return st.value === null || plainExpr(st.value);
      case "Assign":
        return st.targets.every((t) => t._type === "Name") && plainExpr(st.value);
      case "Expr": {
        const call = st.value;
        if (call._type === "Constant") return true;
        return call._type === "Call" && call.func._type === "Name" && call.func.id === "print" && call.args.every(plainExpr) && call.keywords.every((k) => plainExpr(k.value));
      }
      default:
        return false;
    }
  });
}

/**
 * `try { block } catch (raised) { throw withContext(raised, handled) }`: an exception raised
 * while `handled` is being handled (in an `except` block, or a `finally` block an exception
 * passes through) gets it as `__context__`, as in CPython.
 */
function withHandledContext(cx: LowerContext, block: ir.Stmt[], handled: string): ir.Stmt[] {
  const raised = cx.temp("raised");
  const rethrow: ir.Stmt = { k: "throw", arg: { k: "call", callee: cx.rt("withContext"), args: [{ k: "id", name: raised }, { k: "id", name: handled }] } };
  return [{ k: "try", block, param: raised, handler: [rethrow], finalizer: null }];
}

/** `enterHandler(e); try { handler } finally { exitHandler(); }`: sys.exc_info() sees `e` meanwhile. */
function recordHandled(cx: LowerContext, block: ir.Stmt[], caught: ir.Expr): ir.Stmt[] {
  const exit: ir.Stmt = { k: "expr", expr: { k: "call", callee: cx.rt("exitHandler"), args: [] } };
  return [
    { k: "expr", expr: { k: "call", callee: cx.rt("enterHandler"), args: [caught] } },
    { k: "try", block, param: null, handler: null, finalizer: [exit] },
  ];
}

/** Names of the classes an `except` clause that catches ImportError may name. */
const IMPORT_ERROR_CATCHERS = new Set(["ImportError", "ModuleNotFoundError", "Exception", "BaseException"]);

/** Does the clause catch ImportError (bare, or naming it, a subclass or a base, alone or in a tuple)? */
function catchesImportError(h: py.ExceptHandler): boolean {
  if (!h.type) return true;
  const kinds = h.type._type === "Tuple" ? h.type.elts : [h.type];
  return kinds.some((k) => k._type === "Name" && IMPORT_ERROR_CATCHERS.has(k.id));
}

/**
 * Can a clause catch one of JS's errors Python sees as its own (pythonException): a stack
 * overflow (RecursionError and its bases), an unbound binding (NameError), a failed attribute
 * store (AttributeError)?
 */
function catchesJsErrors(cx: LowerContext, h: py.ExceptHandler): boolean {
  const names = new Set(["BaseException", "Exception", "RuntimeError", "RecursionError", "NameError", "AttributeError"]);
  const kinds = h.type === null ? [] : h.type._type === "Tuple" ? h.type.elts : [h.type];
  return h.type === null || kinds.some((k) => !namesExceptionClass(cx, k) || (k._type === "Name" && names.has(k.id)));
}

/** Does the block end in a statement that leaves it (nothing after it would run)? */
function endsAbruptly(stmts: py.Stmt[]): boolean {
  const last = stmts[stmts.length - 1];
  return last !== undefined && (last._type === "Return" || last._type === "Raise" || last._type === "Break" || last._type === "Continue");
}

export function lowerTry(cx: LowerContext, s: py.Try): ir.Stmt[] {
  const loc = cx.loc(s);
  const guardsImports = s.handlers.some(catchesImportError);
  if (guardsImports) cx.fn.importGuards = (cx.fn.importGuards ?? 0) + 1;
  let body: ir.Stmt[];
  try {
    body = lowerBlock(cx, s.body);
  } finally {
    if (guardsImports) cx.fn.importGuards! -= 1;
  }
  let handler: ir.Stmt[] | null = null;
  let param: string | null = null;
  const elseFlag = s.orelse.length && s.handlers.length ? cx.temp("completed") : null;

  // An exception caught here while another is being handled was raised during its handling:
  // that one is its __context__ (CPython sets it at the raise).
  const outerHandled = cx.fn.handling[cx.fn.handling.length - 1];
  if (s.handlers.length) {
    param = cx.temp("error");
    const caught: ir.Expr = { k: "id", name: param };
    cx.fn.caught.push(param);
    cx.fn.handling.push(param);
    try {
      // Build the if / else-if chain from the last clause back to the first.
      let chain: ir.Stmt[] = [{ k: "throw", arg: caught }];
      for (let i = s.handlers.length - 1; i >= 0; i--) {
        const h = s.handlers[i]!;
        const block: ir.Stmt[] = [];
        // (an exception the clause may keep records where it was caught, for its traceback)
        const bound: ir.Expr = h.name && keepsCaught(h.body, h.name) ? { k: "call", callee: cx.rt("caughtHere"), args: [caught] } : caught;
        if (h.name && handlerOnly(cx.fn.scope, h.name)) {
          // Python unbinds the name after the handler: it is the handler's own constant.
          block.push({ k: "decl", kind: "const", name: jsName(h.name), type: { k: "any" }, init: bound, loc: cx.loc(h) });
        } else if (h.name) block.push(bindName(cx, h.name, bound, cx.loc(h)));
        const handlerBody = lowerBlock(cx, h.body);
        const handled = raisesOnlyExplicitly(h.body, false) ? handlerBody : withHandledContext(cx, handlerBody, param);
        block.push(...(cx.tracksHandledExceptions ? recordHandled(cx, handled, caught) : handled));
        if (h.name && cx.classBody?.bindings.has(h.name)) {
          // In a class body the name is a class attribute, deleted when the handler ends.
          const remove: ir.Expr = { k: "member", object: { k: "id", name: "Reflect" }, property: "deleteProperty" };
          block.push({ k: "expr", expr: { k: "call", callee: remove, args: [{ k: "this" }, { k: "str", value: h.name }] } });
        } else if (h.name && !handlerOnly(cx.fn.scope, h.name) && !endsAbruptly(h.body)) {
          // The name is also bound elsewhere: Python unbinds it when the handler ends, and later
          // reads check for that (definite.ts unbinds it too).
          block.push({ k: "expr", expr: { k: "assign", op: "=", target: cx.id(h.name), value: { k: "id", name: "undefined" } }, loc: cx.loc(h) });
        }
        if (!h.type) {
          if (i !== s.handlers.length - 1) cx.syntaxError(h, "default 'except:' must be last");
          chain = block;
        } else {
          chain = [{ k: "if", test: matches(cx, caught, h.type), then: block, else: chain, loc: cx.loc(h) }];
        }
      }
      if (outerHandled !== undefined) {
        chain.unshift({ k: "expr", expr: { k: "call", callee: cx.rt("withContext"), args: [caught, { k: "id", name: outerHandled }] } });
      }
      // In a generator, an exception `throw()` put in at the body's one `yield` line has the
      // generator's frame at that line on top of its traceback, as CPython's has.
      const yields = cx.fn.generator ? yieldsIn(s.body) : [];
      if (yields.length > 0 && yields.every((y) => y.lineno === yields[0]!.lineno)) {
        // (the columns of the one yield, for the caret line under it)
        const only = yields.length === 1 && yields[0]!.end_lineno === yields[0]!.lineno ? yields[0]! : null;
        const at: ir.Expr[] = [{ k: "num", value: yields[0]!.lineno }, { k: "num", value: only?.col_offset ?? -1 }, { k: "num", value: only?.end_col_offset ?? -1 }];
        chain.unshift({ k: "expr", expr: { k: "call", callee: cx.rt("caughtAtYield"), args: [caught, ...at] } });
      }
      // A JS stack overflow becomes Python's RecursionError (and so on) before the clauses test it.
      if (s.handlers.some((h) => catchesJsErrors(cx, h))) {
        chain.unshift({ k: "expr", expr: { k: "assign", op: "=", target: caught, value: { k: "call", callee: cx.rt("pythonException"), args: [caught] } } });
      }
      handler = chain;
    } finally {
      cx.fn.caught.pop();
      cx.fn.handling.pop();
    }
  }

  // The exception passing through `finally`, if any: what the finally block raises gets it as
  // its __context__.
  const pending: string | null = s.finalbody.length && !raisesOnlyExplicitly(s.finalbody, true) ? cx.temp("pending") : null;
  if (pending) cx.fn.handling.push(pending);
  let finalizer: ir.Stmt[] | null;
  try {
    finalizer = s.finalbody.length ? lowerBlock(cx, s.finalbody) : null;
  } finally {
    if (pending) cx.fn.handling.pop();
  }
  if (finalizer && pending) finalizer = withHandledContext(cx, finalizer, pending);
  const record = (block: ir.Stmt[]): ir.Stmt[] => {
    if (!pending) return block;
    const passing = cx.temp("passing");
    const save: ir.Stmt = { k: "expr", expr: { k: "assign", op: "=", target: { k: "id", name: pending }, value: { k: "id", name: passing } } };
    return [
      { k: "decl", kind: "let", name: pending, type: { k: "any" } },
      { k: "try", block: [{ k: "try", block, param: passing, handler: [save, { k: "throw", arg: { k: "id", name: passing } }], finalizer: null }], param: null, handler: null, finalizer, loc },
    ];
  };
  if (!elseFlag) {
    // try/else without handlers: the else simply follows the body.
    const block = s.handlers.length ? body : [...body, ...lowerBlock(cx, s.orelse)];
    if (!handler && !finalizer) return block;
    if (pending) return [{ k: "block", body: record(handler ? [{ k: "try", block, param, handler, finalizer: null, loc }] : block) }];
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
  if (pending) return [{ k: "block", body: record(inner) }];
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
      // (sys.exc_info() and traceback.print_exc() in the clause see the part it handles)
      const clause = lowerBlock(cx, h.body);
      block.push(...(cx.tracksHandledExceptions ? recordHandled(cx, clause, matchedRef) : clause));
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
