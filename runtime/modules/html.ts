// Python's `html` (the `parser` submodule: html-parser.ts; `entities`, its tables): escape, and unescape by HTML5's rules (Lib/html/__init__.py): numeric
// references with the invalid-codepoint table, named references from html.entities.html5,
// including the longest-prefix match for references without a semicolon.

import { PyTypeError } from "../values/exceptions.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { splitKw } from "../values/kwargs.js";
import { HTML5_ENTITIES, NAME2CODEPOINT } from "./html-entities-data.js";
import { Dict } from "../values/dict.js";
import { moduleObject } from "./module-object.js";
import { pyClass } from "./callable-class.js";
import { HTMLParser } from "./html-parser.js";

function text(s: unknown): string {
  if (typeof s !== "string") throw new PyTypeError(`a bytes-like object is required, not '${typeName(s)}'`);
  return s;
}

function escape(...args: unknown[]): string {
  const [[sArg, quoteArg], kws] = splitKw(args);
  let s = sArg ?? kws.s;
  if (typeof s !== "string") throw new PyTypeError(`'${typeName(s)}' object has no attribute 'replace'`);
  s = s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
  const quote = quoteArg ?? kws.quote ?? true;
  if (truthy(quote)) s = (s as string).replaceAll('"', "&quot;").replaceAll("'", "&#x27;");
  return s as string;
}

const INVALID_CHARREFS: Record<number, string> = {
  0x00: "\ufffd", 0x0d: "\r", 0x80: "\u20ac", 0x81: "\x81", 0x82: "\u201a", 0x83: "\u0192", 0x84: "\u201e",
  0x85: "\u2026", 0x86: "\u2020", 0x87: "\u2021", 0x88: "\u02c6", 0x89: "\u2030", 0x8a: "\u0160",
  0x8b: "\u2039", 0x8c: "\u0152", 0x8d: "\x8d", 0x8e: "\u017d", 0x8f: "\x8f", 0x90: "\x90", 0x91: "\u2018",
  0x92: "\u2019", 0x93: "\u201c", 0x94: "\u201d", 0x95: "\u2022", 0x96: "\u2013", 0x97: "\u2014",
  0x98: "\u02dc", 0x99: "\u2122", 0x9a: "\u0161", 0x9b: "\u203a", 0x9c: "\u0153", 0x9d: "\x9d",
  0x9e: "\u017e", 0x9f: "\u0178",
};

/** Code points a numeric reference drops (controls, noncharacters). */
function invalidCodepoint(n: number): boolean {
  if ((n >= 0x1 && n <= 0x8) || (n >= 0xe && n <= 0x1f) || (n >= 0x7f && n <= 0x9f) || (n >= 0xfdd0 && n <= 0xfdef) || n === 0xb) return true;
  return (n & 0xfffe) === 0xfffe && n <= 0x10ffff;
}

let entities: Map<string, string> | null = null;

function entityTable(): Map<string, string> {
  if (entities === null) {
    entities = new Map();
    for (const record of HTML5_ENTITIES.split("\u0000")) {
      const space = record.indexOf(" ");
      entities.set(record.slice(0, space), record.slice(space + 1));
    }
  }
  return entities;
}

function replaceCharref(ref: string): string {
  if (ref[0] === "#") {
    const hex = ref[1] === "x" || ref[1] === "X";
    const digits = ref.slice(hex ? 2 : 1).replace(/;$/, "");
    const big = BigInt(hex ? "0x" + digits : digits);
    const num = big > 0x10ffffn ? Infinity : Number(big);
    if (Object.hasOwn(INVALID_CHARREFS, num)) return INVALID_CHARREFS[num]!;
    if ((num >= 0xd800 && num <= 0xdfff) || num > 0x10ffff) return "\ufffd";
    if (invalidCodepoint(num)) return "";
    return String.fromCodePoint(num);
  }
  const table = entityTable();
  const found = table.get(ref);
  if (found !== undefined) return found;
  const chars = Array.from(ref);
  for (let x = chars.length - 1; x > 1; x--) {
    const prefix = chars.slice(0, x).join("");
    const value = table.get(prefix);
    if (value !== undefined) return value + chars.slice(x).join("");
  }
  return "&" + ref;
}

const CHARREF = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/gu;

export function unescape(s: unknown): string {
  const str = text(s);
  if (!str.includes("&")) return str;
  return str.replace(CHARREF, (_m, ref: string) => replaceCharref(ref));
}

const parser = moduleObject("html.parser", { HTMLParser: pyClass(HTMLParser) });

/** html.entities' tables (HTML 4's names both ways, with their characters; HTML5's references). */
function entitiesModule() {
  const name2codepoint = new Dict<string, bigint>();
  const codepoint2name = new Dict<bigint, string>();
  const entitydefs = new Dict<string, string>();
  const fields = NAME2CODEPOINT.split(" ");
  for (let i = 0; i < fields.length; i += 2) {
    const name = fields[i]!;
    const code = BigInt(fields[i + 1]!);
    name2codepoint.set(name, code);
    codepoint2name.set(code, name);
    entitydefs.set(name, String.fromCodePoint(Number(code)));
  }
  return moduleObject("html.entities", { html5: new Dict<string, string>(entityTable()), name2codepoint, codepoint2name, entitydefs });
}

export const htmlModule = moduleObject("html", { escape, unescape, parser, entities: entitiesModule() });
