// inspect's older argument introspection over Signature: getfullargspec/FullArgSpec (a bound
// method keeps its `self`, as CPython's skip_bound_arg=False), getargs/Arguments for code objects,
// getargvalues/ArgInfo and formatargvalues for frames, get_annotations,
// formatannotationrelativeto; the CO_* code flags and TPFLAGS_IS_ABSTRACT. A frame here knows
// its code's name, file and line but not its local variables (see inspect-frames.ts), so
// getargvalues answers from what the frame holds.

import { getattr } from "../values/builtin-functions.js";
import { Dict } from "../values/dict.js";
import { PyTypeError } from "../values/exceptions.js";
import { Tuple } from "../values/tuple.js";
import { isClass } from "../values/typename.js";
import { repr } from "../values/repr.js";
import { splitKw } from "../values/kwargs.js";
import { truthy } from "../values/truth.js";
import { PyModule } from "./module-object.js";
import { makeNamedTuple } from "./namedtuple.js";
import { _empty, signature, type Signature } from "./inspect-signature.js";
import { inspectExtraNames } from "./inspect-extras.js";
import { callValue } from "./pycall.js";

const ABSENT = Symbol("absent");

export const FullArgSpec = makeNamedTuple("FullArgSpec", ["args", "varargs", "varkw", "defaults", "kwonlyargs", "kwonlydefaults", "annotations"], [], "inspect");
export const ArgInfo = makeNamedTuple("ArgInfo", ["args", "varargs", "keywords", "locals"], [], "inspect");
export const Arguments = makeNamedTuple("Arguments", ["args", "varargs", "varkw"], [], "inspect");

interface Param {
  name: string;
  kind: { name: string };
  default: unknown;
  annotation: unknown;
}

/** `getfullargspec(func)`: the seven fields from the callable's signature. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function getfullargspec(func: unknown): any {
  let sig: Signature;
  try {
    // A bound method's `self` stays (CPython reads the function behind it).
    const target = typeof func === "function" && !isClass(func) ? getattr(func, "__func__", func) : func;
    sig = signature(target);
  } catch {
    throw new PyTypeError("unsupported callable");
  }
  const args: string[] = [];
  const kwonlyargs: string[] = [];
  const defaults: unknown[] = [];
  const kwdefaults = new Dict<unknown, unknown>();
  const annotations = new Dict<unknown, unknown>();
  let varargs: string | null = null;
  let varkw: string | null = null;
  if (sig.return_annotation !== _empty) annotations.set("return", sig.return_annotation);
  for (const p of sig.params as unknown as Param[]) {
    const kind = p.kind.name;
    if (kind === "POSITIONAL_ONLY" || kind === "POSITIONAL_OR_KEYWORD") {
      args.push(p.name);
      if (p.default !== _empty) defaults.push(p.default);
    } else if (kind === "VAR_POSITIONAL") varargs = p.name;
    else if (kind === "KEYWORD_ONLY") {
      kwonlyargs.push(p.name);
      if (p.default !== _empty) kwdefaults.set(p.name, p.default);
    } else varkw = p.name;
    if (p.annotation !== _empty) annotations.set(p.name, p.annotation);
  }
  return callValue(FullArgSpec, args, varargs, varkw, defaults.length ? Tuple.from(defaults) : null, kwonlyargs, kwdefaults.size ? kwdefaults : null, annotations);
}

/** `getargs(co)`: Arguments(args, varargs, varkw) of a code object. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function getargs(co: unknown): any {
  const names = getattr(co, "co_varnames", ABSENT);
  if (names === ABSENT) throw new PyTypeError(`${repr(co)} is not a code object`);
  const all = [...(names as Iterable<string>)];
  const flags = Number(getattr(co, "co_flags", 0n) as bigint);
  const nargs = Number(getattr(co, "co_argcount", 0n) as bigint);
  const nkw = Number(getattr(co, "co_kwonlyargcount", 0n) as bigint);
  const args = all.slice(0, nargs + nkw);
  let next = nargs + nkw;
  const varargs = flags & 4 ? all[next++]! : null;
  const varkw = flags & 8 ? all[next]! : null;
  return callValue(Arguments, args, varargs, varkw);
}

/** `getargvalues(frame)`: ArgInfo of the frame's code and its locals (what the frame knows). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function getargvalues(frame: unknown): any {
  const co = getattr(frame, "f_code");
  const { items } = callValue(getargs, co) as Tuple;
  return callValue(ArgInfo, items[0], items[1], items[2], getattr(frame, "f_locals"));
}

/** `formatargvalues(args, varargs, varkw, locals, formatvalue=...)`: "(a=1, *rest=(), **kw={})". */
function formatargvalues(...all: unknown[]): string {
  const [pos, kws] = splitKw(all);
  const [args, varargs, varkw, locals] = pos;
  const formatvalue = pos[4] ?? kws.formatvalue ?? ((value: unknown): string => "=" + repr(value));
  const lookup = (name: string): unknown => callValue(getattr(locals, "__getitem__"), name);
  const item = (name: string): string => name + String(callValue(formatvalue, lookup(name)));
  const specs = [...(args as Iterable<string>)].map(item);
  if (truthy(varargs ?? null)) specs.push("*" + item(varargs as string));
  if (truthy(varkw ?? null)) specs.push("**" + item(varkw as string));
  return "(" + specs.join(", ") + ")";
}

/** `get_annotations(obj, *, globals=None, locals=None, eval_str=False)`: a new dict. */
function get_annotations(...all: unknown[]): Dict<unknown, unknown> {
  const [[obj], kws] = splitKw(all);
  let annotations: unknown;
  if (isClass(obj)) {
    // the class's own, not a base's
    const own = getattr(obj, "__dict__", null);
    annotations = own === null ? null : callValue(getattr(own, "get"), "__annotations__", null);
  } else if (obj instanceof PyModule || typeof obj === "function") {
    annotations = getattr(obj, "__annotations__", null);
  } else throw new PyTypeError(`${repr(obj)} is not a module, class, or callable.`);
  if (annotations === null || annotations === undefined) return new Dict();
  if (!(annotations instanceof Dict)) throw new PyTypeError(`${repr(obj)}.__annotations__ is neither a dict nor None`);
  const out = new Dict<unknown, unknown>(annotations.entries());
  if (truthy(kws.eval_str ?? false)) {
    for (const [k, v] of out.entries()) {
      if (typeof v === "string") throw new PyTypeError(`get_annotations(eval_str=True) cannot evaluate ${repr(v)} here: pyts compiles annotations ahead of time`);
      out.set(k, v);
    }
  }
  return out;
}

/** `formatannotationrelativeto(object)`: a formatter that leaves out `object`'s module name. */
function formatannotationrelativeto(object: unknown): (annotation: unknown) => string {
  const module = getattr(object, "__module__", null);
  return function _formatannotation(annotation: unknown): string {
    return inspectExtraNames.formatannotation(annotation, module);
  };
}

export const inspectArgspecNames = {
  CO_OPTIMIZED: 1n,
  CO_NEWLOCALS: 2n,
  CO_VARARGS: 4n,
  CO_VARKEYWORDS: 8n,
  CO_NESTED: 16n,
  CO_GENERATOR: 32n,
  CO_NOFREE: 64n,
  CO_COROUTINE: 128n,
  CO_ITERABLE_COROUTINE: 256n,
  CO_ASYNC_GENERATOR: 512n,
  TPFLAGS_IS_ABSTRACT: 1n << 20n,
  FullArgSpec,
  getfullargspec,
  ArgInfo,
  getargvalues,
  Arguments,
  getargs,
  formatargvalues,
  get_annotations,
  formatannotationrelativeto,
};
