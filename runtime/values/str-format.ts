// Python's str.format: positional, indexed and named fields, attribute and index lookups,
// !r !s !a conversions and nested format specs.

import { asciiRepr } from "./ascii.js";
import { Dict } from "./dict.js";
import { IndexError, KeyError, PyTypeError, ValueError } from "./exceptions.js";
import { format } from "./format-spec.js";
import { splitKw, type KwArgs } from "./kwargs.js";
import { repr, toStr } from "./repr.js";
import { getattrImpl } from "./attributes.js";
import { getitem } from "./subscript.js";

interface State {
  args: unknown[];
  kwargs: KwArgs | Dict;
  auto: number;
  mode: "auto" | "manual" | undefined;
}

function lookupName(state: State, name: string): any {
  if (state.kwargs instanceof Dict) {
    const entry = state.kwargs.table.find(name);
    if (entry === undefined) throw new KeyError(name);
    return entry.value;
  }
  if (!(name in state.kwargs)) throw new KeyError(name);
  return state.kwargs[name];
}

function resolveField(state: State, field: string): any {
  const m = /^([^.[]*)(.*)$/s.exec(field)!;
  const first = m[1]!;
  let rest = m[2]!;
  let value: unknown;
  if (first === "" || /^\d+$/.test(first)) {
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

/** Python's `template.format_map(mapping)`. */
export function strFormatMap(template: string, mapping: unknown): string {
  if (!(mapping instanceof Dict)) throw new PyTypeError("format_map() argument must be a mapping");
  return render(template, { args: [], kwargs: mapping, auto: 0, mode: undefined }, 0);
}
