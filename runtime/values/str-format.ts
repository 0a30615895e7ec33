// Python's str.format: positional, indexed and named fields, attribute and index lookups,
// !r !s !a conversions and nested format specs.

import { asciiRepr } from "./ascii.js";
import { IndexError, KeyError, ValueError } from "./exceptions.js";
import { format } from "./format-spec.js";
import { splitKw, type KwArgs } from "./kwargs.js";
import { repr, toStr } from "./repr.js";
import { getattrImpl } from "./attributes.js";
import { getitem } from "./subscript.js";

interface State {
  args: unknown[];
  /** format's keywords, or format_map's mapping (any object with __getitem__). */
  kwargs: KwArgs | MappingArg;
  auto: number;
  mode: "auto" | "manual" | undefined;
}

/** format_map's argument, told apart from format's keyword object. */
class MappingArg {
  constructor(readonly mapping: unknown) {}
}

function lookupName(state: State, name: string): any {
  if (state.kwargs instanceof MappingArg) return getitem(state.kwargs.mapping, name);
  if (!(name in state.kwargs)) throw new KeyError(name);
  return (state.kwargs as KwArgs)[name];
}

function resolveField(state: State, field: string): any {
  const m = /^([^.[]*)(.*)$/s.exec(field)!;
  const first = m[1]!;
  let rest = m[2]!;
  let value: unknown;
  if (first === "" || /^\d+$/.test(first)) {
    if (state.kwargs instanceof MappingArg) throw new ValueError("Format string contains positional fields");
    let index: number;
    if (first === "") {
      if (state.mode === "manual") {
        throw new ValueError("cannot switch from manual field specification to automatic field numbering");
      }
      state.mode = "auto";
      index = state.auto++;
    } else {
      if (state.mode === "auto") {
        throw new ValueError("cannot switch from automatic field numbering to manual field specification");
      }
      state.mode = "manual";
      index = Number(first);
    }
    if (index >= state.args.length) {
      throw new IndexError(`Replacement index ${index} out of range for positional args tuple`);
    }
    value = state.args[index];
  } else {
    value = lookupName(state, first);
  }
  while (rest !== "") {
    const attr = /^\.([^.[]+)/.exec(rest);
    if (attr) {
      value = getattrImpl(value, attr[1]!);
      rest = rest.slice(attr[0].length);
      continue;
    }
    const item = /^\[([^\]]+)\]/.exec(rest);
    if (!item) throw new ValueError("Only '.' or '[' may follow ']' in format field specifier");
    const key = /^\d+$/.test(item[1]!) ? BigInt(item[1]!) : item[1]!;
    value = getitem(value, key);
    rest = rest.slice(item[0].length);
  }
  return value;
}

/** Finds the end of a replacement field starting after `{`, honouring nested braces. */
function fieldEnd(template: string, start: number): number {
  let depth = 1;
  for (let i = start; i < template.length; i++) {
    const ch = template[i];
    if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return i;
  }
  throw new ValueError("expected '}' before end of string");
}

function render(template: string, state: State, depth: number): string {
  if (depth > 2) throw new ValueError("Max string recursion exceeded");
  let out = "";
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === "{") {
      if (template[i + 1] === "{") {
        out += "{";
        i += 2;
        continue;
      }
      const end = fieldEnd(template, i + 1);
      const body = template.slice(i + 1, end);
      const m = /^([^!:]*)(?:!([^:]*))?(?::(.*))?$/s.exec(body)!;
      let value = resolveField(state, m[1]!);
      const conversion = m[2];
      if (conversion !== undefined) {
        if (conversion === "r") value = repr(value);
        else if (conversion === "s") value = toStr(value);
        else if (conversion === "a") value = asciiRepr(value);
        else if (conversion === "") throw new ValueError("end of string while looking for conversion specifier");
        else throw new ValueError(`Unknown conversion specifier ${conversion}`);
      }
      const spec = m[3] !== undefined ? render(m[3], state, depth + 1) : "";
      out += format(value, spec);
      i = end + 1;
    } else if (ch === "}") {
      if (template[i + 1] !== "}") throw new ValueError("Single '}' encountered in format string");
      out += "}";
      i += 2;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** Python's `template.format(*args, **kwargs)`; keywords as a trailing kw({...}). */
export function strFormat(template: string, ...args: unknown[]): string {
  const [pos, kws] = splitKw(args);
  return render(template, { args: pos, kwargs: kws, auto: 0, mode: undefined }, 0);
}

/**
 * Python's `template.format_map(mapping)`: each name is looked up as `mapping[name]`, so a
 * dict subclass's `__missing__` and a user mapping's `__getitem__` take part.
 */
export function strFormatMap(template: string, mapping: unknown): string {
  return render(template, { args: [], kwargs: new MappingArg(mapping), auto: 0, mode: undefined }, 0);
}
