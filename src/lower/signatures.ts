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
 * The runtime's description of a signature: names in JS parameter order, marked
 * `/name` (positional-only), `name=` (has a default), `*name`, `name` after a `*` entry
 * (keyword-only) and `**name`.
 */
export function signatureSpec(sig: Signature): ir.Expr {
  const items: string[] = [];
  for (const p of sig.positional) items.push(`${p.positionalOnly ? "/" : ""}${p.name}${p.hasDefault ? "=" : ""}`);
  if (sig.vararg !== null || sig.kwonly.length) items.push(sig.vararg !== null ? `*${sig.vararg}` : "*");
  for (const k of sig.kwonly) items.push(`${k.name}${k.hasDefault ? "=" : ""}`);
  if (sig.kwarg !== null) items.push(`**${sig.kwarg}`);
  return { k: "array", elements: items.map((value) => ({ k: "str", value }) as ir.Expr) };
}

const UNDEFINED: ir.Expr = { k: "id", name: "undefined" };

export type BoundCall = { args: ir.Arg[] } | { error: string };

/**
 * Bind a call's arguments to a known signature at compile time, or return null when the call
 * has `*iterable` / `**mapping` arguments (bound at run time instead). A call Python would
 * reject gives the TypeError message, raised when the call runs.
 */
export function bindCall(cx: LowerContext, e: py.Call, sig: Signature, fname: string): BoundCall | null {
  if (e.args.some((a) => a._type === "Starred") || e.keywords.some((k) => k.arg === null)) return null;
  let error: string | null = null;
  const fail = (message: string): void => {
    error ??= message;
  };
  const positional: (ir.Expr | null)[] = sig.positional.map(() => null);
  const extra: ir.Expr[] = [];
  e.args.forEach((a, i) => {
    if (i < positional.length) positional[i] = lowerExpr(cx, a);
    else if (sig.vararg !== null) extra.push(lowerExpr(cx, a));
    else fail(`${fname}() takes ${positional.length} positional argument${positional.length === 1 ? "" : "s"} but ${e.args.length} were given`);
  });
  const kwonly: (ir.Expr | null)[] = sig.kwonly.map(() => null);
  const rest: { key: string; value: ir.Expr }[] = [];
  for (const k of e.keywords) {
    const name = k.arg!;
    const p = sig.positional.findIndex((x) => x.name === name && !x.positionalOnly);
    const q = sig.kwonly.findIndex((x) => x.name === name);
    if (p >= 0) {
      if (positional[p]) fail(`${fname}() got multiple values for argument '${name}'`);
      positional[p] = lowerExpr(cx, k.value);
    } else if (q >= 0) kwonly[q] = lowerExpr(cx, k.value);
    else if (sig.kwarg !== null) rest.push({ key: name, value: lowerExpr(cx, k.value) });
    else fail(`${fname}() got an unexpected keyword argument '${name}'`);
  }
  const missing = sig.positional.filter((p, i) => !positional[i] && !p.hasDefault).map((p) => p.name);
  const missingKw = sig.kwonly.filter((p, i) => !kwonly[i] && !p.hasDefault).map((p) => p.name);
  if (missing.length) fail(missingMessage(fname, "positional", missing));
  if (missingKw.length) fail(missingMessage(fname, "keyword-only", missingKw));

  const out: ir.Arg[] = positional.map((x) => x ?? UNDEFINED);
  if (sig.vararg !== null) {
    if (varargIsRest(sig)) out.push(...extra);
    else if (extra.length === 0) out.push(UNDEFINED); // the parameter's default is the empty tuple
    else out.push({ k: "call", callee: { k: "member", object: cx.rt("Tuple"), property: "of" }, args: extra });
  }
  out.push(...kwonly.map((x) => x ?? UNDEFINED));
  if (sig.kwarg !== null && rest.length) {
    out.push({ k: "call", callee: { k: "member", object: cx.rt("Dict"), property: "of" }, args: rest.map((r) => ({ k: "array", elements: [{ k: "str", value: r.key }, r.value] }) as ir.Expr) });
  }
  // Trailing `undefined`s are what JS passes anyway.
  while (out.length && out[out.length - 1] === UNDEFINED) out.pop();
  return error !== null ? { error } : { args: out };
}

/** CPython's wording: `f() missing 2 required positional arguments: 'a' and 'b'`. */
function missingMessage(fname: string, kind: string, names: string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
  return `${fname}() missing ${names.length} required ${kind} argument${names.length > 1 ? "s" : ""}: ${list}`;
}
