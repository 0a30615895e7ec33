// `string.Formatter`: str.format's machinery as overridable methods, following Lib/string.py
// (format -> vformat -> parse / get_field / get_value / convert_field / format_field, and
// check_unused_args), with `parse` and the field-name split of CPython's `_string` module.

import { asciiRepr } from "../values/ascii.js";
import { getattrImpl } from "../values/attributes.js";
import { Dict } from "../values/dict.js";
import { ValueError } from "../values/exceptions.js";
import { format } from "../values/format-spec.js";
import { iterable, PyIterator } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { repr, toStr } from "../values/repr.js";
import { PySet } from "../values/set.js";
import { getitem } from "../values/subscript.js";
import { Tuple } from "../values/tuple.js";

const isDigits = (text: string): boolean => /^[0-9]+$/.test(text);

/** A field name part: an int when all digits (CPython's rule), else the text. */
const fieldKey = (text: string): bigint | string => (isDigits(text) ? BigInt(text) : text);

/** Index of the `]` closing a `[` at `open`, or -1. */
function closingBracket(text: string, open: number): number {
  return text.indexOf("]", open + 1);
}

/** One replacement field's text (between the braces) split as CPython's parse_field does. */
function splitField(body: string): [string, string, string | null] {
  let i = 0;
  while (i < body.length && body[i] !== "!" && body[i] !== ":") {
    if (body[i] === "[") {
      const close = closingBracket(body, i);
      if (close < 0) break;
      i = close;
    }
    i++;
  }
  const name = body.slice(0, i);
  if (i >= body.length) return [name, "", null];
  if (body[i] === ":") return [name, body.slice(i + 1), null];
  if (i + 1 >= body.length) throw new ValueError("end of string while looking for conversion specifier");
  const conversion = body[i + 1]!;
  if (i + 2 < body.length && body[i + 2] !== ":") throw new ValueError("expected ':' after conversion specifier");
  return [name, body.slice(i + 3), conversion];
}

/** `_string.formatter_parser`: (literal_text, field_name, format_spec, conversion) tuples. */
function* parseFormat(text: string): Generator<Tuple> {
  let i = 0;
  while (i < text.length) {
    const start = i;
    while (i < text.length && text[i] !== "{" && text[i] !== "}") i++;
    if (i >= text.length) {
      yield Tuple.of(text.slice(start), null, null, null);
      return;
    }
    const brace = text[i]!;
    if (text[i + 1] === brace) {
      // `{{` / `}}`: the literal keeps one brace and goes on after both.
      yield Tuple.of(text.slice(start, i + 1), null, null, null);
      i += 2;
      continue;
    }
    if (brace === "}") throw new ValueError("Single '}' encountered in format string");
    if (i + 1 >= text.length) throw new ValueError("Single '{' encountered in format string");
    const literal = text.slice(start, i);
    let depth = 1;
    let inSpec = false;
    let j = i + 1;
    for (; j < text.length; j++) {
      const ch = text[j];
      if (ch === "[" && !inSpec) {
        const close = closingBracket(text, j);
        if (close < 0) throw new ValueError("expected '}' before end of string");
        j = close;
      } else if (ch === ":" && depth === 1) inSpec = true;
      else if (ch === "{") depth++;
      else if (ch === "}" && --depth === 0) break;
    }
    if (j >= text.length) throw new ValueError("expected '}' before end of string");
    const [name, spec, conversion] = splitField(text.slice(i + 1, j));
    yield Tuple.of(literal, name, spec, conversion);
    i = j + 1;
  }
}

/** `_string.formatter_field_name_split`: the first key and the (is_attr, key) steps after it. */
function splitFieldName(name: string): [bigint | string, [boolean, bigint | string][]] {
  let i = 0;
  while (i < name.length && name[i] !== "." && name[i] !== "[") i++;
  const first = fieldKey(name.slice(0, i));
  const steps: [boolean, bigint | string][] = [];
  while (i < name.length) {
    if (name[i] === ".") {
      let end = i + 1;
      while (end < name.length && name[end] !== "." && name[end] !== "[") end++;
      const attr = name.slice(i + 1, end);
      if (attr === "") throw new ValueError("Empty attribute in format string");
      steps.push([true, attr]);
      i = end;
    } else if (name[i] === "[") {
      const close = closingBracket(name, i);
      if (close < 0) throw new ValueError("Missing ']' in format string");
      const key = name.slice(i + 1, close);
      if (key === "") throw new ValueError("Empty attribute in format string");
      steps.push([false, fieldKey(key)]);
      i = close + 1;
      if (i < name.length && name[i] !== "." && name[i] !== "[") {
        throw new ValueError("Only '.' or '[' may follow ']' in format field specifier");
      }
    }
  }
  return [first, steps];
}

function pair(result: unknown): [unknown, unknown] {
  const items = Array.from(iterable(result));
  if (items.length !== 2) throw new ValueError(`too many values to unpack (expected 2)`);
  return [items[0], items[1]];
}

// Methods return `any`: a Python subclass overrides them with methods of any return type.
/* eslint-disable @typescript-eslint/no-explicit-any */
export class Formatter {
  static readonly __module__ = "string";

  format(formatString: unknown, ...rest: unknown[]): any {
    const [args, kws] = splitKw(rest);
    return this.vformat(formatString, Tuple.from(args), Dict.fromRecord(kws));
  }

  vformat(formatString: unknown, args: unknown, kwargs: unknown): any {
    const usedArgs = new PySet<unknown>();
    const [result] = this._vformat(formatString, args, kwargs, usedArgs, 2);
    this.check_unused_args(usedArgs, args, kwargs);
    return result;
  }

  /** Lib/string.py's `_vformat`; `autoIndex` is false once a field is numbered by hand. */
  _vformat(formatString: unknown, args: unknown, kwargs: unknown, usedArgs: PySet<unknown>, depth: number, autoIndex: bigint | false = 0n): [string, bigint | false] {
    if (depth < 0) throw new ValueError("Max string recursion exceeded");
    let result = "";
    for (const parsed of iterable(this.parse(formatString))) {
      const [literal, fieldName, spec, conversion] = Array.from(iterable(parsed)) as [unknown, unknown, unknown, unknown];
      if (typeof literal === "string") result += literal;
      if (fieldName === null || fieldName === undefined) continue;
      let name = toStr(fieldName);
      if (name === "") {
        if (autoIndex === false) throw new ValueError("cannot switch from manual field specification to automatic field numbering");
        name = String(autoIndex);
        autoIndex += 1n;
      } else if (isDigits(name)) {
        // Lib/string.py words this case the same way as the one above.
        if (autoIndex !== false && autoIndex !== 0n) throw new ValueError("cannot switch from manual field specification to automatic field numbering");
        autoIndex = false;
      }
      const [found, used] = pair(this.get_field(name, args, kwargs));
      usedArgs.add(used);
      const converted = this.convert_field(found, conversion);
      const [expandedSpec, nextIndex] = this._vformat(spec, args, kwargs, usedArgs, depth - 1, autoIndex);
      autoIndex = nextIndex;
      result += toStr(this.format_field(converted, expandedSpec));
    }
    return [result, autoIndex];
  }

  get_value(key: unknown, args: unknown, kwargs: unknown): any {
    return typeof key === "bigint" || typeof key === "boolean" ? getitem(args, key) : getitem(kwargs, key);
  }

  check_unused_args(_usedArgs: unknown, _args: unknown, _kwargs: unknown): any {
    return null;
  }

  format_field(value: unknown, formatSpec: unknown): any {
    return format(value, formatSpec);
  }

  convert_field(value: unknown, conversion: unknown): any {
    if (conversion === null || conversion === undefined) return value;
    if (conversion === "s") return toStr(value);
    if (conversion === "r") return repr(value);
    if (conversion === "a") return asciiRepr(value);
    throw new ValueError(`Unknown conversion specifier ${toStr(conversion)}`);
  }

  parse(formatString: unknown): any {
    return new PyIterator(parseFormat(toStr(formatString)));
  }

  get_field(fieldName: unknown, args: unknown, kwargs: unknown): any {
    const [first, steps] = splitFieldName(toStr(fieldName));
    let value = this.get_value(first, args, kwargs);
    for (const [isAttribute, key] of steps) value = isAttribute ? getattrImpl(value, key as string) : getitem(value, key);
    return Tuple.of(value, first);
  }
}
