// Keyword arguments for user functions called where the lowering could not bind them
// statically. A def that may receive `kw({...})` is wrapped with its signature spec (see
// src/lower/signatures.ts): `/a` positional-only, `a=` has a default, `*args` (or a bare
// `*`), keyword-only names after it, `**kwargs`.
import { Kwargs } from "../values/kwargs.js";
import { Dict } from "../values/dict.js";
import { Tuple } from "../values/tuple.js";
import { PyTypeError } from "../values/exceptions.js";

interface Parameter {
  name: string;
  kind: "positional" | "positionalOnly" | "vararg" | "kwonly" | "kwarg";
  hasDefault: boolean;
}

function parseSpec(spec: readonly string[]): Parameter[] {
  let afterStar = false;
  return spec.map((item) => {
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

/** Arrange positional values and keywords into the def's JS parameter layout. */
function bind(fname: string, params: Parameter[], positional: unknown[], keywords: Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  const rest = { ...keywords };
  let index = 0;
  const positionalCount = params.filter((p) => p.kind === "positional" || p.kind === "positionalOnly").length;
  const hasVararg = params.some((p) => p.kind === "vararg" && p.name !== "");
  for (const p of params) {
    switch (p.kind) {
      case "positionalOnly":
      case "positional":
        if (index < positional.length) {
          if (p.kind === "positional" && p.name in rest) throw new PyTypeError(`${fname}() got multiple values for argument '${p.name}'`);
          out.push(positional[index++]);
        } else if (p.kind === "positional" && p.name in rest) {
          out.push(rest[p.name]);
          delete rest[p.name];
        } else if (p.hasDefault) out.push(undefined);
        else throw new PyTypeError(`${fname}() missing 1 required positional argument: '${p.name}'`);
        break;
      case "vararg":
        if (p.name !== "") out.push(Tuple.from(positional.slice(index)));
        index = positional.length;
        break;
      case "kwonly":
        if (p.name in rest) {
          out.push(rest[p.name]);
          delete rest[p.name];
        } else out.push(undefined);
        break;
      case "kwarg":
        out.push(new Dict(Object.entries(rest)));
        for (const key of Object.keys(rest)) delete rest[key];
        break;
    }
  }
  if (index < positional.length && !hasVararg) {
    throw new PyTypeError(`${fname}() takes ${positionalCount} positional argument${positionalCount === 1 ? "" : "s"} but ${positional.length} were given`);
  }
  const unexpected = Object.keys(rest)[0];
  if (unexpected !== undefined) throw new PyTypeError(`${fname}() got an unexpected keyword argument '${unexpected}'`);
  return out;
}

/** Does a JS call's argument list end with a keyword marker? */
function trailingKeywords(args: unknown[]): Kwargs | null {
  const last = args[args.length - 1];
  return last instanceof Kwargs ? last : null;
}

/**
 * Wrap a def so that a call ending in `kw({...})` is bound by name. Calls without keywords
 * pass straight through (with `*args` packed when it is not a JS rest parameter).
 */
export function keywords(fn: (...args: any[]) => any, spec: readonly string[]): (...args: any[]) => any {
  const params = parseSpec(spec);
  const varargPacked = params.some((p) => p.kind === "vararg") && params.some((p) => p.kind === "kwonly" || p.kind === "kwarg");
  const simple = !varargPacked;
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    const kws = trailingKeywords(args);
    if (!kws && simple) return fn.apply(this, args);
    const positional = kws ? args.slice(0, -1) : args;
    const bound = bind(fn.name, params, positional, kws ? kws.values : {});
    // A `*args` rest parameter takes the extra values spread out again.
    const restIndex = params.findIndex((p) => p.kind === "vararg");
    if (restIndex >= 0 && !varargPacked) {
      const packed = bound[restIndex] as Tuple<unknown>;
      return fn.apply(this, [...bound.slice(0, restIndex), ...packed, ...bound.slice(restIndex + 1)]);
    }
    return fn.apply(this, bound);
  };
  Object.defineProperty(wrapper, "name", { value: fn.name });
  Object.defineProperty(wrapper, "__wrapped_signature__", { value: spec });
  return wrapper;
}

/** Wrap methods of a class the same way: `keywordMethods(this, { move: ["dx", "dy="] })`. */
export function keywordMethods(cls: { prototype: object }, table: Record<string, readonly string[]>, onClass = false): void {
  // (`onClass`: static methods, such as `__new__`, which the class receives as `this`.)
  const proto = (onClass ? cls : cls.prototype) as Record<string, (...args: unknown[]) => unknown>;
  for (const [name, spec] of Object.entries(table)) proto[name] = keywords(proto[name]!, spec);
}

/** The default of a required keyword-only parameter: reached only when it was not passed. */
export function missingArgument(message: string): never {
  throw new PyTypeError(message);
}

/** A call the lowering found Python would reject (its arguments are evaluated first). */
export function raiseTypeError(message: string, _args: unknown[]): never {
  throw new PyTypeError(message);
}
