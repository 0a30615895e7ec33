// Python signatures in JS. A def's JS parameters are, in order: its positional parameters
// (with defaults), `*args` (a rest parameter when nothing follows it, else a Tuple
// parameter), its keyword-only parameters, and `**kwargs` (a Dict parameter).
//
// A call whose callee is known statically is bound here, at compile time, into that exact
// layout: `f(1, c=3)` -> `f(1n, undefined, 3n)`. A def that can be called with keywords
// from elsewhere is wrapped by the runtime's `keywords(fn, spec)`, which binds a trailing
// `kw({...})` argument the same way at run time.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { lowerExpr } from "./expressions.js";
import { bindArguments, parseSpec } from "../../runtime/lang/binding.js";

export interface Signature {
  positional: { name: string; hasDefault: boolean; positionalOnly: boolean }[];
  vararg: string | null;
  kwonly: { name: string; hasDefault: boolean }[];
  kwarg: string | null;
}

export function describeSignature(args: py.Arguments, skipFirst = false): Signature {
  const all = [...args.posonlyargs.map((a) => ({ a, positionalOnly: true })), ...args.args.map((a) => ({ a, positionalOnly: false }))];
  const firstDefault = all.length - args.defaults.length;
  const positional = all.map(({ a, positionalOnly }, i) => ({ name: a.arg, hasDefault: i >= firstDefault, positionalOnly }));
  return {
    positional: skipFirst ? positional.slice(1) : positional,
    vararg: args.vararg?.arg ?? null,
    kwonly: args.kwonlyargs.map((a, i) => ({ name: a.arg, hasDefault: args.kw_defaults[i] !== null })),
    kwarg: args.kwarg?.arg ?? null,
  };
}

/** `*args` is a JS rest parameter only when no keyword-only or `**` parameter follows it. */
export function varargIsRest(sig: Signature): boolean {
  return sig.vararg !== null && sig.kwonly.length === 0 && sig.kwarg === null;
}

/** Could this def take keywords a plain JS call cannot pass positionally? */
export function acceptsKeywords(sig: Signature): boolean {
  return sig.positional.some((p) => !p.positionalOnly) || sig.kwonly.length > 0 || sig.kwarg !== null;
}

/**
 * The runtime's description of a signature (runtime/lang/binding.ts): names in JS parameter
 * order, marked `/name` (positional-only), `name=` (has a default), `*name`, `name` after a
 * `*` entry (keyword-only) and `**name`.
 */
export function specItems(sig: Signature): string[] {
  const items: string[] = [];
  for (const p of sig.positional) items.push(`${p.positionalOnly ? "/" : ""}${p.name}${p.hasDefault ? "=" : ""}`);
  if (sig.vararg !== null || sig.kwonly.length) items.push(sig.vararg !== null ? `*${sig.vararg}` : "*");
  for (const k of sig.kwonly) items.push(`${k.name}${k.hasDefault ? "=" : ""}`);
  if (sig.kwarg !== null) items.push(`**${sig.kwarg}`);
  return items;
}

export function signatureSpec(sig: Signature): ir.Expr {
  return { k: "array", elements: specItems(sig).map((value) => ({ k: "str", value }) as ir.Expr) };
}

const UNDEFINED: ir.Expr = { k: "id", name: "undefined" };
const SELF: ir.Expr = { k: "this" };

export type BoundCall = { args: ir.Arg[] } | { error: string };

/**
 * Bind a call's arguments to a known signature at compile time (runtime/lang/binding.ts, the
 * algorithm the runtime uses too), or return null when the call has `*iterable` / `**mapping`
 * arguments (bound at run time instead). A call Python would reject gives CPython's
 * TypeError message, raised when the call runs. With `method`, the signature's first
 * parameter is `self`, which the call supplies (a constructor's or a method's own).
 */
export function bindCall(cx: LowerContext, e: py.Call, sig: Signature, qualname: string, method = false): BoundCall | null {
  if (e.args.some((a) => a._type === "Starred") || e.keywords.some((k) => k.arg === null)) return null;
  const args = [...(method ? [SELF] : []), ...e.args.map((a) => lowerExpr(cx, a))];
  const keywords = e.keywords.map((k) => [k.arg!, lowerExpr(cx, k.value)] as const);
  const bound = bindArguments(qualname, parseSpec(specItems(sig)), args, keywords);
  if (typeof bound === "string") return { error: bound };
  const out: ir.Arg[] = bound.positional.slice(method ? 1 : 0).map((x) => x ?? UNDEFINED);
  if (sig.vararg !== null) {
    if (varargIsRest(sig)) out.push(...bound.extra);
    else if (bound.extra.length === 0) out.push(UNDEFINED); // the parameter's default is the empty tuple
    else out.push({ k: "call", callee: { k: "member", object: cx.rt("Tuple"), property: "of" }, args: bound.extra });
  }
  out.push(...bound.kwonly.map((x) => x ?? UNDEFINED));
  if (sig.kwarg !== null && bound.kwargs.length) {
    const entries = bound.kwargs.map(([key, value]) => ({ k: "array", elements: [{ k: "str", value: key }, value] }) as ir.Expr);
    out.push({ k: "call", callee: { k: "member", object: cx.rt("Dict"), property: "of" }, args: entries });
  }
  // Trailing `undefined`s are what JS passes anyway.
  while (out.length && out[out.length - 1] === UNDEFINED) out.pop();
  return { args: out };
}
