// `string.Template`: $-substitution as Lib/string.py defines it. A class's pattern is a real
// `re.Pattern`, compiled from its `delimiter`, `idpattern`, `braceidpattern` and `flags` (or
// its own `pattern`) the first time the class is used, as `__init_subclass__` does in CPython.

import { getattrImpl } from "../values/attributes.js";
import { shareClassAttributes } from "../lang/objects.js";
import { objectInitSubclass } from "../lang/class-creation.js";
import { KeyError, ValueError } from "../values/exceptions.js";
import { splitKw, type KwArgs } from "../values/kwargs.js";
import { toStr } from "../values/repr.js";
import { getitem } from "../values/subscript.js";
import { unwrap } from "../values/wrapped.js";
import { compilePattern, escapePattern } from "./re.js";
import { regexFlag } from "./re-flags.js";
import type { Match } from "./re-match.js";
import { Pattern } from "./re-pattern.js";

const VERBOSE = 64n;

const compiledPatterns = new WeakMap<object, Pattern>();

function classAttribute(cls: object, name: string): unknown {
  return getattrImpl(cls, name);
}

/** The class's pattern: its own `pattern` if its body set one, else built as Template's. */
function patternOf(cls: object): Pattern {
  let compiled = compiledPatterns.get(cls);
  if (compiled !== undefined) return compiled;
  const flags = unwrap(classAttribute(cls, "flags"));
  const flagBits = (typeof flags === "bigint" ? flags : flags === true ? 1n : 0n) | VERBOSE;
  // A class body's own `pattern` is a data property (Template's own is the getter below).
  const own: unknown = Object.getOwnPropertyDescriptor(cls, "pattern")?.value;
  if (own instanceof Pattern) compiled = own;
  else if (own !== undefined) compiled = compilePattern(own, flagBits) as Pattern;
  else {
    const delim = escapePattern(toStr(classAttribute(cls, "delimiter")));
    const id = toStr(classAttribute(cls, "idpattern"));
    const braceId = classAttribute(cls, "braceidpattern");
    const bid = braceId === null || braceId === undefined || braceId === "" ? id : toStr(braceId);
    const source = `
            ${delim}(?:
              (?P<escaped>${delim})  |   # Escape sequence of two delimiters
              (?P<named>${id})       |   # delimiter and a Python identifier
              {(?P<braced>${bid})} |   # delimiter and a braced identifier
              (?P<invalid>)             # Other ill-formed delimiter exprs
            )
            `;
    compiled = compilePattern(source, flagBits) as Pattern;
  }
  compiledPatterns.set(cls, compiled);
  return compiled;
}

function unrecognised(pattern: Pattern): ValueError {
  return new ValueError("Unrecognized named group in pattern", pattern);
}

/** A group of a Template match, or undefined when the pattern lacks it or it did not match. */
function named(m: Match, name: string): string | undefined {
  if (!m.re.groupNames.has(name)) return undefined;
  return (m.group(name) as string | null) ?? undefined;
}

// Methods return `any`: a Python subclass overrides them with methods of any return type.
/* eslint-disable @typescript-eslint/no-explicit-any */
export class Template {
  static readonly __module__ = "string";
  static delimiter: unknown = "$";
  static idpattern: unknown = "(?a:[_a-z][_a-z0-9]*)";
  static braceidpattern: unknown = null;
  static flags: unknown = regexFlag(2n);

  static {
    shareClassAttributes(this, ["delimiter", "idpattern", "braceidpattern", "flags"]);
  }

  declare template: unknown;

  constructor(template: unknown) {
    this.template = template;
    // (a module without class-creation hooks: the class body's str `pattern` is compiled onto
    // the class by its first instance, which reads it as the re.Pattern CPython's class holds)
    const cls = new.target as Function;
    if (cls !== Template && !compiledPatterns.has(cls) && typeof Object.getOwnPropertyDescriptor(cls, "pattern")?.value === "string") {
      Object.defineProperty(cls, "pattern", { value: patternOf(cls), writable: true, configurable: true, enumerable: true });
    }
  }

  /** As CPython's: the subclass's `pattern` becomes the compiled re.Pattern (a str body value too). */
  static __init_subclass__(this: Function, ...args: unknown[]): null {
    Object.defineProperty(this, "pattern", { value: patternOf(this), writable: true, configurable: true, enumerable: true });
    return objectInitSubclass.call(this, ...args);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  static get pattern(): any {
    return patternOf(this);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get pattern(): any {
    return patternOf(this.constructor);
  }

  /** Every match of the class's pattern in the template. */
  private _matches(): Match[] {
    return Array.from(patternOf(this.constructor).finditer(this.template) as Iterable<Match>);
  }

  private _replace(convert: (m: Match) => string): string {
    return patternOf(this.constructor).sub((m: Match) => convert(m), this.template) as string;
  }

  private _invalid(m: Match): never {
    const i = Number(m.start("invalid"));
    const lines = Array.from(toStr(this.template)).slice(0, i).join("").split(/(?<=\r\n|\r(?!\n)|\n)/);
    const before = lines.filter((line) => line !== "");
    const lineno = before.length === 0 ? 1 : before.length;
    const colno = before.length === 0 ? 1 : i - Array.from(before.slice(0, -1).join("")).length;
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
    return this._replace((m) => {
      const name = named(m, "named") ?? named(m, "braced");
      if (name !== undefined) return toStr(lookup(name));
      if (named(m, "escaped") !== undefined) return toStr(getattrImpl(this, "delimiter"));
      if (named(m, "invalid") !== undefined) this._invalid(m);
      throw unrecognised(pattern);
    });
  }

  safe_substitute(...args: unknown[]): any {
    const lookup = this._lookup(args);
    const pattern = patternOf(this.constructor);
    return this._replace((m) => {
      const name = named(m, "named") ?? named(m, "braced");
      if (name !== undefined) {
        try {
          return toStr(lookup(name));
        } catch (error) {
          if (error instanceof KeyError) return m.group() as string;
          throw error;
        }
      }
      if (named(m, "escaped") !== undefined) return toStr(getattrImpl(this, "delimiter"));
      if (named(m, "invalid") !== undefined) return m.group() as string;
      throw unrecognised(pattern);
    });
  }

  is_valid(): any {
    const pattern = patternOf(this.constructor);
    for (const m of this._matches()) {
      if (named(m, "invalid") !== undefined) return false;
      if (named(m, "named") === undefined && named(m, "braced") === undefined && named(m, "escaped") === undefined) throw unrecognised(pattern);
    }
    return true;
  }

  get_identifiers(): any {
    const pattern = patternOf(this.constructor);
    const ids: string[] = [];
    for (const m of this._matches()) {
      const name = named(m, "named") ?? named(m, "braced");
      if (name !== undefined && !ids.includes(name)) ids.push(name);
      else if (name === undefined && named(m, "invalid") === undefined && named(m, "escaped") === undefined) throw unrecognised(pattern);
    }
    return ids;
  }
}
