// Replacement templates of `sub`, `subn` and `Match.expand` (`\1`, `\g<name>`, `\g<2>`,
// escapes), parsed as Lib/re/_parser.py's parse_template does, with its errors.

import { IndexError, PyTypeError } from "../values/exceptions.js";
import { typeName } from "../values/typename.js";
import { ReError } from "./re-error.js";

/** A parsed template: literal text and group numbers, in order. */
export type TemplatePart = string | number;

const ESCAPES: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };
const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;

interface Groups {
  readonly groups: bigint;
  readonly groupNames: ReadonlyMap<string, number>;
}

const cache = new Map<string, TemplatePart[]>();

export function parseTemplate(pattern: Groups, template: string): TemplatePart[] {
  const chars = Array.from(template);
  let i = 0;
  const parts: TemplatePart[] = [];
  let literal = "";
  const fail = (message: string, offset = 0): ReError => new ReError(message, template, i - offset);
  const addGroup = (index: number, offset: number): void => {
    if (index > Number(pattern.groups)) throw fail(`invalid group reference ${index}`, offset);
    if (literal !== "") parts.push(literal);
    literal = "";
    parts.push(index);
  };
  const isDigit = (c: string | undefined, octal = false): boolean => c !== undefined && (octal ? /^[0-7]$/ : /^[0-9]$/).test(c);
  while (i < chars.length) {
    const ch = chars[i++]!;
    if (ch !== "\\") {
      literal += ch;
      continue;
    }
    const c = chars[i++];
    if (c === undefined) throw new ReError("bad escape (end of pattern)", template, chars.length - 1);
    let text = ch + c;
    if (c === "g") {
      if (chars[i] !== "<") throw fail("missing <");
      i++;
      let name = "";
      for (;;) {
        const n = chars[i++];
        if (n === undefined) throw name === "" ? fail("missing group name") : fail("missing >, unterminated name", name.length);
        if (n === ">") break;
        name += n;
      }
      if (name === "") throw fail("missing group name", 1);
      let index: number;
      if (IDENTIFIER.test(name)) {
        const found = pattern.groupNames.get(name);
        if (found === undefined) throw new IndexError(`unknown group name '${name}'`);
        index = found;
      } else {
        if (!/^[0-9]+$/.test(name)) throw fail(`bad character in group name '${name}'`, name.length + 1);
        index = Number(name);
      }
      addGroup(index, name.length + 1);
    } else if (c === "0") {
      if (isDigit(chars[i], true)) {
        text += chars[i++];
        if (isDigit(chars[i], true)) text += chars[i++];
      }
      literal += String.fromCharCode(parseInt(text.slice(1), 8) & 0xff);
    } else if (isDigit(c)) {
      let octal = false;
      if (isDigit(chars[i])) {
        text += chars[i++];
        if (isDigit(c, true) && isDigit(text[2], true) && isDigit(chars[i], true)) {
          text += chars[i++];
          octal = true;
          const code = parseInt(text.slice(1), 8);
          if (code > 0o377) throw fail(`octal escape value ${text} outside of range 0-0o377`, text.length);
          literal += String.fromCharCode(code);
        }
      }
      if (!octal) addGroup(Number(text.slice(1)), text.length - 1);
    } else if (ESCAPES[c] !== undefined) {
      literal += ESCAPES[c];
    } else {
      if (/^[a-zA-Z]$/.test(c)) throw fail(`bad escape ${text}`, text.length);
      literal += text;
    }
  }
  if (literal !== "") parts.push(literal);
  return parts;
}

/** The template's parts, parsed once per pattern and template text. */
export function compiledTemplate(pattern: Groups, template: unknown): TemplatePart[] {
  if (typeof template !== "string") throw new PyTypeError(`expected str instance, ${typeName(template)} found`);
  const key = `${pattern.groups}\u0000${[...pattern.groupNames].join(",")}\u0000${template}`;
  let parts = cache.get(key);
  if (parts === undefined) {
    parts = parseTemplate(pattern, template);
    if (cache.size > 512) cache.clear();
    cache.set(key, parts);
  }
  return parts;
}

/** The template with each group reference replaced by the group's text ('' when unmatched). */
export function fillTemplate(parts: TemplatePart[], group: (n: number) => unknown): string {
  let out = "";
  for (const part of parts) out += typeof part === "string" ? part : ((group(part) as string | null) ?? "");
  return out;
}

export function expandTemplate(pattern: Groups, template: unknown, group: (n: number) => unknown): string {
  return fillTemplate(compiledTemplate(pattern, template), group);
}
