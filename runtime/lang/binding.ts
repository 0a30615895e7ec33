// Binding a call's arguments to a Python signature, with CPython's TypeError messages
// (Python/ceval.c: too_many_positional, missing_arguments, positional_only_passed_as_keyword).
// One algorithm for both sides: the lowering binds calls whose callee it knows at compile
// time, the runtime binds the calls it meets on dynamic paths (callValue, bound methods,
// `keywords(fn, spec)` wrappers). It is generic over the argument values and imports nothing.
//
// A signature is described by a spec, names in JS parameter order: `/name` positional-only,
// `name=` has a default, `*name` (or a bare `*`), names after a `*` entry keyword-only, `**name`.

export type ParamKind = "positionalOnly" | "positional" | "vararg" | "kwonly" | "kwarg";

export interface Param {
  name: string;
  kind: ParamKind;
  hasDefault: boolean;
}

export function parseSpec(spec: readonly string[]): Param[] {
  let afterStar = false;
  return spec.map((item): Param => {
    if (item.startsWith("**")) return { name: item.slice(2), kind: "kwarg", hasDefault: false };
    if (item.startsWith("*")) {
      afterStar = true;
      return { name: item.slice(1), kind: "vararg", hasDefault: false };
    }
    const hasDefault = item.endsWith("=");
    const bare = hasDefault ? item.slice(0, -1) : item;
    if (bare.startsWith("/")) return { name: bare.slice(1), kind: "positionalOnly", hasDefault };
    return { name: bare, kind: afterStar ? "kwonly" : "positional", hasDefault };
  });
}

/** The arguments of one call, arranged by parameter (`undefined`: not passed, use the default). */
export interface Bound<T> {
  positional: (T | undefined)[];
  /** what `*args` receives */
  extra: T[];
  kwonly: (T | undefined)[];
  /** what `**kwargs` receives, in call order */
  kwargs: [string, T][];
}

const isPositional = (p: Param): boolean => p.kind === "positional" || p.kind === "positionalOnly";

/** Bind, or return the message of the TypeError CPython raises for this call. */
export function bindArguments<T>(fname: string, params: readonly Param[], args: readonly T[], keywords: readonly (readonly [string, T])[]): Bound<T> | string {
  const posParams = params.filter(isPositional);
  const kwonlyParams = params.filter((p) => p.kind === "kwonly");
  const hasVararg = params.some((p) => p.kind === "vararg" && p.name !== "");
  const hasKwarg = params.some((p) => p.kind === "kwarg");
  const positional: (T | undefined)[] = posParams.map(() => undefined);
  const filled: boolean[] = posParams.map(() => false);
  for (let i = 0; i < Math.min(args.length, posParams.length); i++) {
    positional[i] = args[i];
    filled[i] = true;
  }
  const extra = args.slice(posParams.length);
  const kwonly: (T | undefined)[] = kwonlyParams.map(() => undefined);
  const kwonlyFilled: boolean[] = kwonlyParams.map(() => false);
  const kwargs: [string, T][] = [];
  for (const [name, value] of keywords) {
    const p = posParams.findIndex((x) => x.name === name && x.kind === "positional");
    if (p >= 0) {
      if (filled[p]) return `${fname}() got multiple values for argument '${name}'`;
      positional[p] = value;
      filled[p] = true;
      continue;
    }
    const q = kwonlyParams.findIndex((x) => x.name === name);
    if (q >= 0) {
      if (kwonlyFilled[q]) return `${fname}() got multiple values for argument '${name}'`;
      kwonly[q] = value;
      kwonlyFilled[q] = true;
      continue;
    }
    if (hasKwarg) {
      kwargs.push([name, value]);
      continue;
    }
    const positionalOnly = keywords.map(([k]) => k).filter((k) => posParams.some((x) => x.kind === "positionalOnly" && x.name === k));
    if (positionalOnly.length) return `${fname}() got some positional-only arguments passed as keyword arguments: '${positionalOnly.join(", ")}'`;
    return `${fname}() got an unexpected keyword argument '${name}'`;
  }
  if (extra.length && !hasVararg) return tooManyPositional(fname, posParams, args.length, kwonlyFilled.filter(Boolean).length);
  const missing = posParams.filter((p, i) => !filled[i] && !p.hasDefault).map((p) => p.name);
  if (missing.length) return missingArguments(fname, "positional", missing);
  const missingKw = kwonlyParams.filter((p, i) => !kwonlyFilled[i] && !p.hasDefault).map((p) => p.name);
  if (missingKw.length) return missingArguments(fname, "keyword-only", missingKw);
  return { positional, extra: hasVararg ? extra : [], kwonly, kwargs };
}

function tooManyPositional(fname: string, posParams: readonly Param[], given: number, kwonlyGiven: number): string {
  const defaults = posParams.filter((p) => p.hasDefault).length;
  const count = posParams.length;
  const sig = defaults ? `from ${count - defaults} to ${count}` : `${count}`;
  const plural = defaults ? true : count !== 1;
  const kwonlySig = kwonlyGiven ? ` positional argument${given !== 1 ? "s" : ""} (and ${kwonlyGiven} keyword-only argument${kwonlyGiven !== 1 ? "s" : ""})` : "";
  const verb = given === 1 && !kwonlyGiven ? "was" : "were";
  return `${fname}() takes ${sig} positional argument${plural ? "s" : ""} but ${given}${kwonlySig} ${verb} given`;
}

/** `f() missing 3 required positional arguments: 'a', 'b', and 'c'`. */
export function missingArguments(fname: string, kind: "positional" | "keyword-only", names: readonly string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  let list: string;
  if (quoted.length === 1) list = quoted[0]!;
  else if (quoted.length === 2) list = `${quoted[0]} and ${quoted[1]}`;
  else list = `${quoted.slice(0, -1).join(", ")}, and ${quoted[quoted.length - 1]}`;
  return `${fname}() missing ${names.length} required ${kind} argument${names.length > 1 ? "s" : ""}: ${list}`;
}

/** The fewest and most positional arguments a call without keywords may pass. */
export function positionalRange(params: readonly Param[]): [number, number] {
  const posParams = params.filter(isPositional);
  const required = posParams.filter((p) => !p.hasDefault).length;
  const hasVararg = params.some((p) => p.kind === "vararg" && p.name !== "");
  const kwonlyRequired = params.some((p) => p.kind === "kwonly" && !p.hasDefault);
  // A required keyword-only parameter makes every call without keywords fail.
  return kwonlyRequired ? [Infinity, -1] : [required, hasVararg ? Infinity : posParams.length];
}
