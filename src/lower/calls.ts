// Calls: argument passing (positional, `*args`, keywords, `**kwargs`), constructing classes,
// method calls on built-in values, and awaiting the calls that block (run_until_complete).
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { BUILTIN_EXCEPTIONS, BUILTIN_METHOD_NAMES } from "./builtins.js";
import { lowerElements, lowerExpr } from "./expressions.js";
import { isBlockingCall } from "./blocking.js";
import { lowerSuperCall } from "./classes.js";

export function lowerCall(cx: LowerContext, e: py.Call): ir.Expr {
  const loc = cx.loc(e);
  const superCall = lowerSuperCall(cx, e);
  if (superCall) return superCall;

  let call: ir.Expr;
  const known = e.func._type === "Name" ? cx.knownBinding(e.func.id) : null;
  if (known?.k === "function" && isSimpleSignature(known.def.args)) {
    call = { k: "call", callee: lowerExpr(cx, e.func), args: bindStatically(cx, e, known.def.args), loc };
  } else {
    const args = lowerArgs(cx, e);
    if (e.func._type === "Attribute" && !isRuntimeValue(cx, e.func.value) && BUILTIN_METHOD_NAMES.has(e.func.attr)) {
      const receiver = lowerExpr(cx, e.func.value);
      call = { k: "call", callee: cx.rt("callMethod"), args: [receiver, { k: "str", value: e.func.attr }, ...args], loc };
    } else {
      const callee = lowerExpr(cx, e.func);
      call = { k: constructs(cx, e.func) ? "new" : "call", callee, args, loc };
    }
  }
  if (isBlockingCall(cx, e, cx.fn.scope)) return awaitBlocking(cx, e, call);
  return call;
}

/** Positional arguments, then keywords as one trailing `kw({...})`. */
export function lowerArgs(cx: LowerContext, e: { args: py.Expr[]; keywords: py.Keyword[] }): ir.Arg[] {
  const args = lowerElements(cx, e.args);
  if (e.keywords.length) args.push(keywordArg(cx, e.keywords));
  return args;
}

function keywordArg(cx: LowerContext, keywords: py.Keyword[]): ir.Expr {
  const sources: ir.Expr[] = [];
  let props: { key: string; value: ir.Expr }[] = [];
  for (const k of keywords) {
    if (k.arg === null) {
      if (props.length) sources.push({ k: "object", props });
      props = [];
      sources.push(lowerExpr(cx, k.value));
    } else props.push({ key: k.arg, value: lowerExpr(cx, k.value) });
  }
  if (props.length) sources.push({ k: "object", props });
  return { k: "call", callee: cx.rt("kw"), args: sources };
}

/** Positional parameters with optional defaults (and `*args`): plain JS parameters. */
export function isSimpleSignature(args: py.Arguments): boolean {
  return args.kwonlyargs.length === 0 && args.kwarg === null;
}

/**
 * A call to a module-level function whose signature is known: keywords are placed at
 * their parameter's position, so the emitted call is plain positional JS.
 */
function bindStatically(cx: LowerContext, e: py.Call, sig: py.Arguments): ir.Arg[] {
  if (e.keywords.length === 0) return lowerElements(cx, e.args);
  if (e.args.some((a) => a._type === "Starred") || e.keywords.some((k) => k.arg === null)) {
    return cx.unsupported(e, "a call mixing *args or **kwargs with keyword arguments");
  }
  const params = [...sig.posonlyargs, ...sig.args];
  const slots: (ir.Expr | null)[] = e.args.map((a) => lowerExpr(cx, a));
  for (const k of e.keywords) {
    const index = params.findIndex((p) => p.arg === k.arg);
    if (index < sig.posonlyargs.length) {
      return cx.unsupported(k, `keyword argument '${k.arg}' that the function does not take by keyword`);
    }
    if (slots[index] !== undefined && slots[index] !== null) return cx.syntaxError(k, `multiple values for argument '${k.arg}'`);
    while (slots.length < index) slots.push(null);
    slots[index] = lowerExpr(cx, k.value);
  }
  // A gap before a keyword-given argument takes the parameter's default.
  const firstDefault = params.length - sig.defaults.length;
  return slots.map((slot, i) => {
    if (slot) return slot;
    if (i < firstDefault) return cx.syntaxError(e, `missing required argument '${params[i]!.arg}'`);
    return { k: "id", name: "undefined" };
  });
}

/** Module attributes spelled like classes (`asyncio.Future`) and known classes use `new`. */
function constructs(cx: LowerContext, func: py.Expr): boolean {
  if (func._type === "Name") {
    const known = cx.knownBinding(func.id);
    if (known) return known.k === "class";
    return cx.resolve(func.id) === null && BUILTIN_EXCEPTIONS.has(func.id);
  }
  if (func._type === "Attribute") return isModuleExpr(cx, func.value) && /^[A-Z]/.test(func.attr);
  return false;
}

/** `asyncio`, `urllib.request`, `datetime.datetime`: an attribute chain rooted at an imported module. */
export function isModuleExpr(cx: LowerContext, e: py.Expr): boolean {
  if (e._type === "Name") return cx.knownBinding(e.id)?.k === "module";
  return e._type === "Attribute" && isModuleExpr(cx, e.value);
}

/**
 * Is this value an object made by the runtime (a loop, a session, a response) rather than a
 * str/list/dict? Then `x.get(...)` is its own method, not a built-in type's.
 */
export function isRuntimeValue(cx: LowerContext, e: py.Expr, depth = 0): boolean {
  if (depth > 4) return false;
  if (isModuleExpr(cx, e)) return true;
  if (e._type === "Call") return e.func._type === "Attribute" && isRuntimeValue(cx, e.func.value, depth + 1);
  if (e._type === "Await") return isRuntimeValue(cx, e.value, depth + 1);
  if (e._type !== "Name") return false;
  const scope = cx.resolve(e.id);
  const bindings = scope?.bindings.get(e.id);
  if (!scope || !bindings || bindings.length === 0) return false;
  return bindings.every((b) => {
    const s = b.stmt;
    if (!s) return false;
    if (s._type === "Assign" && b.kind === "assign") return isRuntimeValue(cx, s.value, depth + 1);
    if (s._type === "With" || s._type === "AsyncWith") {
      const item = s.items.find((i) => i.optional_vars?._type === "Name" && i.optional_vars.id === e.id);
      return item !== undefined && isRuntimeValue(cx, item.context_expr, depth + 1);
    }
    return false;
  });
}

function awaitBlocking(cx: LowerContext, e: py.Call, call: ir.Expr): ir.Expr {
  if (cx.fn.coroutine || cx.fn.generator) {
    return cx.unsupported(e, "a blocking event-loop call (run_until_complete, run_forever, asyncio.run) inside a coroutine or generator");
  }
  if (cx.fn.scope === cx.moduleScope) cx.topLevelAwait = true;
  return { k: "await", arg: call, loc: cx.loc(e) };
}
