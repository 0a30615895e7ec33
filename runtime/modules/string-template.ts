// `string.Template`: $-substitution as Lib/string.py defines it. A class's pattern is built
// from its `delimiter`, `idpattern`, `braceidpattern` and `flags` (or is its own `pattern`)
// the first time the class is used, and matched with a JS RegExp translated from the
// Python pattern (verbose whitespace and comments dropped, `(?P<name>` named groups).

import { getattrImpl } from "../values/attributes.js";
import { shareClassAttributes } from "../lang/objects.js";
import { KeyError, ValueError } from "../values/exceptions.js";
import { splitKw, type KwArgs } from "../values/kwargs.js";
import { toStr } from "../values/repr.js";
import { getitem } from "../values/subscript.js";

const IGNORECASE = 2n;
const VERBOSE = 64n;

/** What `re.escape` escapes: everything but ASCII letters, digits and `_` (spaces too, for VERBOSE). */
function escapeLiteral(text: string): string {
  return text.replace(/[^A-Za-z0-9_\u0080-\uffff]/g, (ch) => `\\${ch}`);
}

/** A letter in both cases (`a` -> `aA`), or the character itself. */
function bothCases(ch: string): string {
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  return lower === upper || lower.length !== 1 || upper.length !== 1 ? ch : lower + upper;
}

/** A class body (between the brackets) with the other case of its ASCII letters added. */
function classBothCases(body: string): string {
  let added = "";
  for (let i = 0; i < body.length; i++) {
    if (body[i] === "\\") {
      i++;
      continue;
    }
    const from = body[i]!;
    if (body[i + 1] === "-" && i + 2 < body.length && body[i + 2] !== "]") {
      const to = body[i + 2]!;
      for (const [lo, hi, shift] of [["a", "z", -32], ["A", "Z", 32]] as const) {
        const start = Math.max(from.charCodeAt(0), lo.charCodeAt(0));
        const end = Math.min(to.charCodeAt(0), hi.charCodeAt(0));
        if (start <= end) added += `${String.fromCharCode(start + shift)}-${String.fromCharCode(end + shift)}`;
      }
      i += 2;
    } else if (bothCases(from) !== from) {
      added += bothCases(from).replace(from, "");
    }
  }
  return body + added;
}

/**
 * A Python regular expression as a JS one (used without the `i` flag): VERBOSE whitespace and
 * `#` comments go, named groups and back references change spelling, case-insensitive parts
 * (IGNORECASE, or a scoped `(?i:...)`, but not `(?-i:...)`) list both cases of their letters,
 * `(?a:` groups become plain groups (JS classes are ASCII already), `\A` and `\Z` anchors.
 */
function translatePattern(source: string, verbose: boolean, ignoreCase: boolean): string {
  let out = "";
  let i = 0;
  // Whether each open group ignores case; the top is the current state.
  const caseStack: boolean[] = [ignoreCase];
  const folding = (): boolean => caseStack[caseStack.length - 1]!;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === "\\") {
      const next = source[i + 1] ?? "";
      if (next === "A") out += "^";
      else if (next === "Z") out += "(?![\\s\\S])";
      else if (folding() && /[a-zA-Z]/.test(next) && !/[dDwWsSbBntrfv0-9xuck]/.test(next)) out += `[${bothCases(next)}]`;
      else out += ch + next;
      i += 2;
    } else if (ch === "[") {
      // A class is copied as written: ']' first in it is a literal, escapes are kept.
      let j = i + 1;
      if (source[j] === "^") j++;
      if (source[j] === "]") j++;
      while (j < source.length && source[j] !== "]") j += source[j] === "\\" ? 2 : 1;
      let open = "[";
      let body = source.slice(i + 1, j);
      if (body.startsWith("^")) {
        open = "[^";
        body = body.slice(1);
      }
      if (body.startsWith("]")) body = "\\" + body;
      out += open + (folding() ? classBothCases(body) : body) + "]";
      i = j + 1;
    } else if (verbose && /\s/.test(ch)) {
      i++;
    } else if (verbose && ch === "#") {
      while (i < source.length && source[i] !== "\n") i++;
    } else if (source.startsWith("(?P<", i)) {
      const close = source.indexOf(">", i);
      out += `(?<${source.slice(i + 4, close)}>`;
      caseStack.push(folding());
      i = close + 1;
    } else if (source.startsWith("(?P=", i)) {
      const close = source.indexOf(")", i);
      out += `\\k<${source.slice(i + 4, close)}>`;
      i = close + 1;
    } else if (/^\(\?[aiLmsux]*(-[imsx]+)?:/.test(source.slice(i, i + 12))) {
      // Scoped flags: `i` on or off for the group; the others change nothing here.
      const colon = source.indexOf(":", i);
      const [on, off = ""] = source.slice(i + 2, colon).split("-");
      caseStack.push(off.includes("i") ? false : on!.includes("i") ? true : folding());
      out += "(?:";
      i = colon + 1;
    } else {
      if (ch === "(") caseStack.push(folding());
      else if (ch === ")" && caseStack.length > 1) caseStack.pop();
      out += folding() && /[a-zA-Z]/.test(ch) ? `[${bothCases(ch)}]` : ch;
      i++;
    }
  }
  return out;
}

/** The compiled pattern of a Template class (`Cls.pattern` in Python). */
export class TemplatePattern {
  static readonly pythonName = "Pattern";
  readonly regex: RegExp;

  constructor(
    readonly pattern: string,
    readonly flags: bigint,
  ) {
    const verbose = (flags & VERBOSE) !== 0n;
    const ignoreCase = (flags & IGNORECASE) !== 0n || /^\(\?[a-z]*i[a-z]*\)/.test(pattern);
    this.regex = new RegExp(translatePattern(pattern.replace(/^\(\?[aiLmsux]+\)/, ""), verbose, ignoreCase), "dg");
  }

  __repr__(): string {
    return `re.compile(${JSON.stringify(this.pattern)})`;
  }
}

const compiledPatterns = new WeakMap<object, TemplatePattern>();

function classAttribute(cls: object, name: string): unknown {
  return getattrImpl(cls, name);
}

/** The class's pattern: its own `pattern` if its body set one, else built as Template's. */
function patternOf(cls: object): TemplatePattern {
  let compiled = compiledPatterns.get(cls);
  if (compiled !== undefined) return compiled;
  const flags = classAttribute(cls, "flags");
  const flagBits = (typeof flags === "bigint" ? flags : flags === true ? 1n : 0n) | VERBOSE;
  // A class body's own `pattern` is a data property (Template's own is the getter below).
  const own: unknown = Object.getOwnPropertyDescriptor(cls, "pattern")?.value;
  if (own instanceof TemplatePattern) compiled = own;
  else if (typeof own === "string") compiled = new TemplatePattern(own, flagBits);
  else {
    const delimiter = escapeLiteral(toStr(classAttribute(cls, "delimiter")));
    const id = toStr(classAttribute(cls, "idpattern"));
    const braceId = classAttribute(cls, "braceidpattern");
    const bid = braceId === null || braceId === undefined || braceId === "" ? id : toStr(braceId);
    const source = `
    ${delimiter}(?:
      (?P<escaped>${delimiter})  |   # Escape sequence of two delimiters
      (?P<named>${id})       |   # delimiter and a Python identifier
      {(?P<braced>${bid})} |   # delimiter and a braced identifier
      (?P<invalid>)             # Other ill-formed delimiter exprs
    )
    `;
    compiled = new TemplatePattern(source, flagBits);
  }
  compiledPatterns.set(cls, compiled);
  return compiled;
}

type Groups = Record<string, string | undefined>;

function unrecognised(pattern: TemplatePattern): ValueError {
  return new ValueError("Unrecognized named group in pattern", pattern);
}

// Methods return `any`: a Python subclass overrides them with methods of any return type.
/* eslint-disable @typescript-eslint/no-explicit-any */
export class Template {
  static readonly __module__ = "string";
  static delimiter: unknown = "$";
  static idpattern: unknown = "(?a:[_a-z][_a-z0-9]*)";
  static braceidpattern: unknown = null;
  static flags: unknown = IGNORECASE;

  static {
    shareClassAttributes(this, ["delimiter", "idpattern", "braceidpattern", "flags"]);
  }

  declare template: unknown;

  constructor(template: unknown) {
    this.template = template;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  static get pattern(): any {
    return patternOf(this);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get pattern(): any {
    return patternOf(this.constructor);
  }

  /** Every match: its named groups, its text, where it starts and where `invalid` starts. */
  private _matches(): Array<{ groups: Groups; text: string; index: number; invalidAt: number }> {
    const { regex } = patternOf(this.constructor);
    regex.lastIndex = 0;
    return Array.from(toStr(this.template).matchAll(regex), (m) => ({
      groups: m.groups ?? {},
      text: m[0],
      index: m.index!,
      invalidAt: m.indices?.groups?.["invalid"]?.[0] ?? m.index!,
    }));
  }

  private _replace(convert: (groups: Groups, text: string, invalidAt: number) => string): string {
    const template = toStr(this.template);
    let out = "";
    let last = 0;
    for (const { groups, text, index, invalidAt } of this._matches()) {
      out += template.slice(last, index) + convert(groups, text, invalidAt);
      last = index + text.length;
    }
    return out + template.slice(last);
  }

  private _invalid(index: number): never {
    const lines = toStr(this.template).slice(0, index).split(/(?<=\r\n|\r(?!\n)|\n)/);
    const before = lines.filter((line) => line !== "");
    const lineno = before.length === 0 ? 1 : before.length;
    const colno = before.length === 0 ? 1 : index - before.slice(0, -1).join("").length;
    throw new ValueError(`Invalid placeholder in string: line ${lineno}, col ${colno}`);
  }

  private _lookup(args: unknown[]): (name: string) => unknown {
    const [positional, kws] = splitKw(args);
    const mapping = positional.length > 0 ? positional[0] : undefined;
    return (name) => {
      if (Object.hasOwn(kws, name)) return (kws as KwArgs)[name];
      if (mapping === undefined) throw new KeyError(name);
      return getitem(mapping, name);
    };
  }

  substitute(...args: unknown[]): any {
    const lookup = this._lookup(args);
    const pattern = patternOf(this.constructor);
    return this._replace((groups, _text, invalidAt) => {
      const named = groups["named"] || groups["braced"];
      if (named !== undefined) return toStr(lookup(named));
      if (groups["escaped"] !== undefined) return toStr(getattrImpl(this, "delimiter"));
      if (groups["invalid"] !== undefined) this._invalid(invalidAt);
      throw unrecognised(pattern);
    });
  }

  safe_substitute(...args: unknown[]): any {
    const lookup = this._lookup(args);
    const pattern = patternOf(this.constructor);
    return this._replace((groups, text) => {
      const named = groups["named"] || groups["braced"];
      if (named !== undefined) {
        try {
          return toStr(lookup(named));
        } catch (error) {
          if (error instanceof KeyError) return text;
          throw error;
        }
      }
      if (groups["escaped"] !== undefined) return toStr(getattrImpl(this, "delimiter"));
      if (groups["invalid"] !== undefined) return text;
      throw unrecognised(pattern);
    });
  }

  is_valid(): any {
    const pattern = patternOf(this.constructor);
    for (const { groups } of this._matches()) {
      if (groups["invalid"] !== undefined) return false;
      if (groups["named"] === undefined && groups["braced"] === undefined && groups["escaped"] === undefined) throw unrecognised(pattern);
    }
    return true;
  }

  get_identifiers(): any {
    const pattern = patternOf(this.constructor);
    const ids: string[] = [];
    for (const { groups } of this._matches()) {
      const named = groups["named"] || groups["braced"];
      if (named !== undefined && !ids.includes(named)) ids.push(named);
      else if (named === undefined && groups["invalid"] === undefined && groups["escaped"] === undefined) throw unrecognised(pattern);
    }
    return ids;
  }
}
