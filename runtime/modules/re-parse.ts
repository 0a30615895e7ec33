// The parser of Python's regular expression syntax (Lib/re/_parser.py's grammar and error
// messages): a pattern becomes a tree of typed nodes that re-engine.ts compiles to a
// backtracking matcher. Positions in errors count code points, as Python's str indices do.

import { RE_FLAGS, ReError } from "./re-error.js";
import { MAXREPEAT, checkLookbehinds, widthOf, type Anchor, type Category, type Node, type NodeFlags, type ParsedPattern, type SetItem } from "./re-nodes.js";

const MAXGROUPS = 0x3fffffff;

const FLAG_LETTERS: Record<string, number> = { i: RE_FLAGS.I, L: RE_FLAGS.L, m: RE_FLAGS.M, s: RE_FLAGS.S, x: RE_FLAGS.X, a: RE_FLAGS.A, t: RE_FLAGS.T, u: RE_FLAGS.U };
const TYPE_FLAGS = RE_FLAGS.A | RE_FLAGS.L | RE_FLAGS.U;
const GLOBAL_FLAGS = RE_FLAGS.T;
const SPECIAL = new Set(".\\[{()*+?^$|");
const REPEAT_CHARS = new Set("*+?{");
const WHITESPACE = new Set(" \t\n\r\v\f");
const DIGITS = /^[0-9]$/;
const OCTDIGITS = /^[0-7]$/;
const HEXDIGITS = /^[0-9a-fA-F]$/;
const ASCII_LETTER = /^[a-zA-Z]$/;
const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92 };
const CATEGORY_ESCAPES: Record<string, [Category, boolean]> = {
  d: ["digit", false],
  D: ["digit", true],
  s: ["space", false],
  S: ["space", true],
  w: ["word", false],
  W: ["word", true],
};
const ANCHOR_ESCAPES: Record<string, Anchor> = { A: "startString", Z: "endString", b: "boundary", B: "nonBoundary" };

/** A Python identifier, as str.isidentifier() decides it. */
function isIdentifier(name: string): boolean {
  return /^[\p{L}\p{Nl}_\u1885\u1886\u2118\u212e\u309b\u309c][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}\u00b7\u0387\u1369-\u1371\u19da\u1885\u1886\u2118\u212e\u309b\u309c]*$/u.test(name.normalize("NFKC"));
}

type Escape = { kind: "char"; cp: number } | { kind: "category"; name: Category; negated: boolean } | { kind: "node"; node: Node };

class Parser {
  private readonly chars: string[];
  private index = 0;
  flags: number;
  groups = 1;
  readonly groupIndex = new Map<string, number>();
  private readonly openGroups = new Set<number>();
  readonly groupWidths: Array<[number, number]> = [];
  /** The group count when the outermost lookbehind started (null outside one). */
  private lookbehindGroups: number | null = null;

  constructor(
    private readonly pattern: string,
    flags: number,
  ) {
    this.chars = Array.from(pattern);
    this.flags = flags;
  }

  error(message: string, offset = 0): ReError {
    return new ReError(message, this.pattern, this.index - offset);
  }

  private get next(): string | undefined {
    return this.chars[this.index];
  }

  private get(): string | undefined {
    return this.chars[this.index++];
  }

  private match(ch: string): boolean {
    if (this.chars[this.index] !== ch) return false;
    this.index++;
    return true;
  }

  private getWhile(count: number, test: RegExp): string {
    let out = "";
    while (out.length < count && this.next !== undefined && test.test(this.next)) out += this.get();
    return out;
  }

  private getUntil(terminator: string, name: string): string {
    let out = "";
    for (;;) {
      const ch = this.next;
      this.index++;
      if (ch === undefined) {
        if (out === "") throw this.error(`missing ${name}`);
        throw this.error(`missing ${terminator}, unterminated name`, out.length);
      }
      if (ch === terminator) {
        if (out === "") throw this.error(`missing ${name}`, 1);
        return out;
      }
      out += ch;
    }
  }

  private nodeFlags(flags: number): NodeFlags {
    return { ignoreCase: (flags & RE_FLAGS.I) !== 0, ascii: (flags & RE_FLAGS.A) !== 0 };
  }

  private checkGroupName(name: string, offset: number): void {
    if (!isIdentifier(name)) throw this.error(`bad character in group name ${pyRepr(name)}`, name.length + offset);
  }

  private checkLookbehindGroup(group: number): void {
    if (this.lookbehindGroups !== null && group >= this.lookbehindGroups) {
      throw this.error("cannot refer to group defined in the same lookbehind subpattern");
    }
  }

  /** `\x` and friends: what the escape stands for (in a class, anchors are errors). */
  private escape(escape: string, inClass: boolean, flags: number): Escape {
    const c = escape[1]!;
    const category = CATEGORY_ESCAPES[c];
    if (category) return { kind: "category", name: category[0], negated: category[1] };
    if (!inClass && ANCHOR_ESCAPES[c]) return { kind: "node", node: { kind: "at", at: ANCHOR_ESCAPES[c]!, ascii: (flags & RE_FLAGS.A) !== 0 } };
    if (c !== "b" || inClass) {
      const simple = SIMPLE_ESCAPES[c];
      if (simple !== undefined) return { kind: "char", cp: simple };
    }
    const hex = (digits: number): Escape => {
      const text = escape + this.getWhile(digits, HEXDIGITS);
      if (text.length !== digits + 2) throw this.error(`incomplete escape ${text}`, text.length);
      const cp = parseInt(text.slice(2), 16);
      if (cp > 0x10ffff) throw this.error(`bad escape ${text}`, text.length);
      return { kind: "char", cp };
    };
    if (c === "x") return hex(2);
    if (c === "u") return hex(4);
    if (c === "U") return hex(8);
    if (c === "N") {
      if (!this.match("{")) throw this.error("missing {");
      const name = this.getUntil("}", "character name");
      // The Unicode name table lives in the compiler, not the runtime (README).
      throw this.error(`undefined character name ${pyRepr(name)} (pyts: \\N{...} is not supported in patterns)`, name.length + 4);
    }
    if (inClass) {
      if (OCTDIGITS.test(c)) {
        const text = escape + this.getWhile(2, OCTDIGITS);
        const cp = parseInt(text.slice(1), 8);
        if (cp > 0o377) throw this.error(`octal escape value ${text} outside of range 0-0o377`, text.length);
        return { kind: "char", cp };
      }
      if (DIGITS.test(c)) throw this.error(`bad escape ${escape}`, escape.length);
    } else {
      if (c === "0") {
        const text = escape + this.getWhile(2, OCTDIGITS);
        return { kind: "char", cp: parseInt(text.slice(1), 8) };
      }
      if (DIGITS.test(c)) {
        let text = escape;
        if (this.next !== undefined && DIGITS.test(this.next)) {
          text += this.get();
          if (OCTDIGITS.test(text[1]!) && OCTDIGITS.test(text[2]!) && this.next !== undefined && OCTDIGITS.test(this.next)) {
            text += this.get();
            const cp = parseInt(text.slice(1), 8);
            if (cp > 0o377) throw this.error(`octal escape value ${text} outside of range 0-0o377`, text.length);
            return { kind: "char", cp };
          }
        }
        const group = parseInt(text.slice(1), 10);
        if (group < this.groups) {
          if (this.openGroups.has(group)) throw this.error("cannot refer to an open group", text.length);
          this.checkLookbehindGroup(group);
          return { kind: "node", node: { kind: "backref", index: group, flags: this.nodeFlags(flags) } };
        }
        throw this.error(`invalid group reference ${group}`, text.length - 1);
      }
    }
    if ([...escape].length === 2) {
      if (ASCII_LETTER.test(c)) throw this.error(`bad escape ${escape}`, escape.length);
      return { kind: "char", cp: escape.codePointAt(1)! };
    }
    throw this.error(`bad escape ${escape}`, escape.length);
  }

  /** The next token: a lone character, or a backslash with the character after it. */
  private token(): string | undefined {
    const ch = this.get();
    if (ch !== "\\") return ch;
    const next = this.get();
    if (next === undefined) throw new ReError("bad escape (end of pattern)", this.pattern, this.chars.length - 1);
    return ch + next;
  }

  parseAlternation(verbose: boolean, nested: number, flags: number): Node {
    const items: Node[] = [];
    for (;;) {
      items.push(this.parseSequence(verbose, nested + 1, nested === 0 && items.length === 0, flags));
      if (!this.match("|")) break;
      if (nested === 0) {
        verbose = (this.flags & RE_FLAGS.X) !== 0;
        flags = this.flags;
      }
    }
    return items.length === 1 ? items[0]! : { kind: "alt", items };
  }

  private parseSet(flags: number): Node {
    const here = this.index - 1;
    const negated = this.match("^");
    const items: SetItem[] = [];
    const classItem = (token: string): SetItem =>
      token.length > 1 && token[0] === "\\" ? this.escapeItem(this.escape(token, true, flags)) : { kind: "char", cp: token.codePointAt(0)! };
    for (;;) {
      const start = this.index;
      const token = this.token2(here);
      if (token === "]" && this.index - start === 1 && items.length > 0) break;
      const first = classItem(token);
      if (this.match("-")) {
        const that = this.token2(here);
        if (that === "]") {
          items.push(first, { kind: "char", cp: 45 });
          break;
        }
        const second = classItem(that);
        if (first.kind !== "char" || second.kind !== "char" || second.cp < first.cp) {
          throw this.error(`bad character range ${token}-${that}`, token.length + 1 + that.length);
        }
        items.push({ kind: "range", lo: first.cp, hi: second.cp });
      } else items.push(first);
    }
    const setFlags = this.nodeFlags(flags);
    if (items.length === 1 && items[0]!.kind === "char") return { kind: negated ? "notchar" : "char", cp: items[0]!.cp, flags: setFlags };
    return { kind: "set", items, negated, flags: setFlags };
  }

  /** A class token, or the error of a set left open at `here`. */
  private token2(here: number): string {
    if (this.next === undefined) throw this.error("unterminated character set", this.index - here);
    if (this.next === "\\" && this.chars[this.index + 1] === undefined) {
      this.index++;
      throw new ReError("bad escape (end of pattern)", this.pattern, this.chars.length - 1);
    }
    return this.token()!;
  }

  private escapeItem(escape: Escape): SetItem {
    if (escape.kind === "char") return { kind: "char", cp: escape.cp };
    if (escape.kind === "category") return { kind: "category", name: escape.name, negated: escape.negated };
    throw new Error("unreachable: anchors are not class escapes");
  }

  private parseSequence(verbose: boolean, nested: number, first: boolean, flags: number): Node {
    const items: Node[] = [];
    for (;;) {
      const ch = this.next;
      if (ch === undefined || ch === "|" || ch === ")") break;
      const token = this.token()!;
      if (verbose) {
        if (WHITESPACE.has(token)) continue;
        if (token === "#") {
          for (;;) {
            const c = this.get();
            if (c === undefined || c === "\n") break;
          }
          continue;
        }
      }
      if (token[0] === "\\") {
        const escape = this.escape(token, false, flags);
        if (escape.kind === "node") items.push(escape.node);
        else if (escape.kind === "char") items.push({ kind: "char", cp: escape.cp, flags: this.nodeFlags(flags) });
        else items.push({ kind: "set", items: [{ kind: "category", name: escape.name, negated: escape.negated }], negated: false, flags: this.nodeFlags(flags) });
      } else if (!SPECIAL.has(token)) {
        items.push({ kind: "char", cp: token.codePointAt(0)!, flags: this.nodeFlags(flags) });
      } else if (token === "[") {
        items.push(this.parseSet(flags));
      } else if (REPEAT_CHARS.has(token)) {
        if (!this.parseRepeat(token, items)) items.push({ kind: "char", cp: 123, flags: this.nodeFlags(flags) });
      } else if (token === ".") {
        items.push({ kind: "any", dotAll: (flags & RE_FLAGS.S) !== 0 });
      } else if (token === "(") {
        const result = this.parseGroup(verbose, nested, first && items.length === 0, flags);
        if (result === "global") {
          flags = this.flags;
          verbose = (flags & RE_FLAGS.X) !== 0;
        } else if (result !== null) items.push(result);
      } else if (token === "^") {
        items.push({ kind: "at", at: (flags & RE_FLAGS.M) !== 0 ? "bol" : "start", ascii: false });
      } else if (token === "$") {
        items.push({ kind: "at", at: (flags & RE_FLAGS.M) !== 0 ? "eol" : "end", ascii: false });
      }
    }
    return items.length === 1 ? items[0]! : { kind: "seq", items };
  }

  /** A quantifier after the last item; false when a `{` is a literal brace. */
  private parseRepeat(token: string, items: Node[]): boolean {
    const here = this.index;
    let min = 0;
    let max = MAXREPEAT;
    if (token === "?") max = 1;
    else if (token === "+") min = 1;
    else if (token === "{") {
      if (this.next === "}") return false;
      let lo = "";
      let hi = "";
      while (this.next !== undefined && DIGITS.test(this.next)) lo += this.get();
      if (this.match(",")) {
        while (this.next !== undefined && DIGITS.test(this.next)) hi += this.get();
      } else hi = lo;
      if (!this.match("}")) {
        this.index = here;
        return false;
      }
      if (lo !== "") {
        min = Number(lo);
        if (min >= MAXREPEAT) throw new OverflowFromPattern("the repetition number is too large");
      }
      if (hi !== "") {
        max = Number(hi);
        if (max >= MAXREPEAT) throw new OverflowFromPattern("the repetition number is too large");
        if (max < min) throw this.error("min repeat greater than max repeat", this.index - here);
      }
    }
    const last = items[items.length - 1];
    if (last === undefined || last.kind === "at") throw this.error("nothing to repeat", this.index - here + token.length);
    if (last.kind === "repeat") throw this.error("multiple repeat", this.index - here + token.length);
    const mode = this.match("?") ? "lazy" : this.match("+") ? "possessive" : "greedy";
    items[items.length - 1] = { kind: "repeat", body: last, min, max, mode };
    return true;
  }

  /** After `(`: a group, an assertion, a comment (null) or global flags ("global"). */
  private parseGroup(verbose: boolean, nested: number, first: boolean, flags: number): Node | null | "global" {
    const start = this.index - 1;
    let capture = true;
    let atomic = false;
    let name: string | null = null;
    let subFlags = flags;
    let subVerbose = verbose;
    if (this.match("?")) {
      const ch = this.get();
      if (ch === undefined) throw this.error("unexpected end of pattern");
      if (ch === "P") {
        if (this.match("<")) {
          name = this.getUntil(">", "group name");
          this.checkGroupName(name, 1);
        } else if (this.match("=")) {
          const ref = this.getUntil(")", "group name");
          this.checkGroupName(ref, 1);
          const gid = this.groupIndex.get(ref);
          if (gid === undefined) throw this.error(`unknown group name ${pyRepr(ref)}`, ref.length + 1);
          if (this.openGroups.has(gid)) throw this.error("cannot refer to an open group", ref.length + 1);
          this.checkLookbehindGroup(gid);
          return { kind: "backref", index: gid, flags: this.nodeFlags(flags) };
        } else {
          const c = this.get();
          if (c === undefined) throw this.error("unexpected end of pattern");
          throw this.error(`unknown extension ?P${c}`, c.length + 2);
        }
      } else if (ch === ":") {
        capture = false;
      } else if (ch === "#") {
        for (;;) {
          if (this.next === undefined) throw this.error("missing ), unterminated comment", this.index - start);
          if (this.get() === ")") return null;
        }
      } else if (ch === "=" || ch === "!" || ch === "<") {
        let kind = ch;
        let behind = false;
        let outer: number | null = null;
        if (kind === "<") {
          const c = this.get();
          if (c === undefined) throw this.error("unexpected end of pattern");
          if (c !== "=" && c !== "!") throw this.error(`unknown extension ?<${c}`, c.length + 2);
          kind = c;
          behind = true;
          outer = this.lookbehindGroups;
          if (outer === null) this.lookbehindGroups = this.groups;
        }
        const body = this.parseAlternation(verbose, nested + 1, flags);
        if (behind && outer === null) this.lookbehindGroups = null;
        if (!this.match(")")) throw this.error("missing ), unterminated subpattern", this.index - start);
        return { kind: "look", behind, negated: kind === "!", body, width: 0 };
      } else if (ch === "(") {
        return this.parseConditional(verbose, nested, start, flags);
      } else if (ch === ">") {
        capture = false;
        atomic = true;
      } else if (FLAG_LETTERS[ch] !== undefined || ch === "-") {
        const parsed = this.parseFlags(ch);
        if (parsed === null) {
          if (!first) throw this.error("global flags not at the start of the expression", this.index - start);
          return "global";
        }
        capture = false;
        subFlags = (flags | parsed[0]) & ~parsed[1];
        if (parsed[0] & RE_FLAGS.A) subFlags &= ~RE_FLAGS.U;
        if (parsed[0] & RE_FLAGS.U) subFlags &= ~RE_FLAGS.A;
        subVerbose = (verbose || (parsed[0] & RE_FLAGS.X) !== 0) && (parsed[1] & RE_FLAGS.X) === 0;
      } else {
        throw this.error(`unknown extension ?${ch}`, ch.length + 1);
      }
    }
    let group = 0;
    if (capture) {
      group = this.groups++;
      if (group >= MAXGROUPS) throw this.error("too many groups");
      if (name !== null) {
        const previous = this.groupIndex.get(name);
        if (previous !== undefined) {
          throw this.error(`redefinition of group name ${pyRepr(name)} as group ${group}; was group ${previous}`, name.length + 1);
        }
        this.groupIndex.set(name, group);
      }
      this.openGroups.add(group);
    }
    const body = this.parseAlternation(subVerbose, nested + 1, subFlags);
    if (!this.match(")")) throw this.error("missing ), unterminated subpattern", this.index - start);
    if (capture) {
      this.openGroups.delete(group);
      this.groupWidths[group] = widthOf(body, this.groupWidths);
      return { kind: "group", index: group, body };
    }
    if (atomic) return { kind: "atomic", body };
    // A plain (?:...) group: its body stands alone, but stays one item for a quantifier.
    // (a group is never "nothing to repeat" or a "multiple repeat", whatever it holds).
    return body.kind === "repeat" || body.kind === "at" ? { kind: "seq", items: [body] } : body;
  }

  private parseConditional(verbose: boolean, nested: number, start: number, flags: number): Node {
    const condName = this.getUntil(")", "group name");
    let index: number;
    if (isIdentifier(condName)) {
      const found = this.groupIndex.get(condName);
      if (found === undefined) throw this.error(`unknown group name ${pyRepr(condName)}`, condName.length + 1);
      index = found;
    } else {
      if (!/^[0-9]+$/.test(condName)) throw this.error(`bad character in group name ${pyRepr(condName)}`, condName.length + 1);
      index = Number(condName);
      if (index === 0) throw this.error("bad group number", condName.length + 1);
      if (index >= MAXGROUPS) throw this.error(`invalid group reference ${index}`, condName.length + 1);
      this.pendingRefs.push([index, this.index - condName.length - 1]);
    }
    this.checkLookbehindGroup(index);
    const yes = this.parseSequence(verbose, nested + 1, false, flags);
    let no: Node = { kind: "seq", items: [] };
    if (this.match("|")) {
      no = this.parseSequence(verbose, nested + 1, false, flags);
      if (this.next === "|") throw this.error("conditional backref with more than two branches");
    }
    if (!this.match(")")) throw this.error("missing ), unterminated subpattern", this.index - start);
    return { kind: "cond", index, yes, no };
  }

  /** Group numbers a conditional named before the group existed, checked at the end. */
  readonly pendingRefs: Array<[number, number]> = [];

  /** `(?aiLmsux)` (null: global, applied to this.flags) or `(?aiLmsux-imsx:` (on, off). */
  private parseFlags(ch: string | undefined): [number, number] | null {
    let on = 0;
    let off = 0;
    if (ch !== "-") {
      for (;;) {
        const flag = FLAG_LETTERS[ch!]!;
        if (ch === "L") throw this.error("bad inline flags: cannot use 'L' flag with a str pattern");
        on |= flag;
        if (flag & TYPE_FLAGS && (on & TYPE_FLAGS) !== flag) throw this.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible");
        ch = this.get();
        if (ch === undefined) throw this.error("missing -, : or )");
        if (ch === ")" || ch === "-" || ch === ":") break;
        if (FLAG_LETTERS[ch] === undefined) throw this.error(/\p{L}/u.test(ch) ? "unknown flag" : "missing -, : or )", ch.length);
      }
    }
    if (ch === ")") {
      this.flags |= on;
      return null;
    }
    if (on & GLOBAL_FLAGS) throw this.error("bad inline flags: cannot turn on global flag", 1);
    if (ch === "-") {
      ch = this.get();
      if (ch === undefined) throw this.error("missing flag");
      if (FLAG_LETTERS[ch] === undefined) throw this.error(/\p{L}/u.test(ch) ? "unknown flag" : "missing flag", ch.length);
      for (;;) {
        const flag = FLAG_LETTERS[ch]!;
        if (flag & TYPE_FLAGS) throw this.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
        off |= flag;
        ch = this.get();
        if (ch === undefined) throw this.error("missing :");
        if (ch === ":") break;
        if (FLAG_LETTERS[ch] === undefined) throw this.error(/\p{L}/u.test(ch) ? "unknown flag" : "missing :", ch.length);
      }
    }
    if (off & GLOBAL_FLAGS) throw this.error("bad inline flags: cannot turn off global flag", 1);
    if (on & off) throw this.error("bad inline flags: flag turned on and off", 1);
    return [on, off];
  }

  atEnd(): boolean {
    return this.index >= this.chars.length;
  }
}

/** `the repetition number is too large` is an OverflowError in CPython, not re.error. */
export class OverflowFromPattern extends Error {}

/** Python's repr of a str, for names quoted in error messages. */
function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  return quote + text.replace(/\\/g, "\\\\").replace(quote === "'" ? /'/g : /"/g, `\\${quote}`).replace(/\n/g, "\\n").replace(/\t/g, "\\t") + quote;
}

/** Parse a str pattern with the given flags (CPython's `_parser.parse` and its checks). */
export function parsePattern(pattern: string, flags: number): ParsedPattern {
  if (flags & RE_FLAGS.L) throw new ValueFromPattern("cannot use LOCALE flag with a str pattern");
  const parser = new Parser(pattern, flags);
  const root = parser.parseAlternation((flags & RE_FLAGS.X) !== 0, 0, flags);
  if (!parser.atEnd()) throw parser.error("unbalanced parenthesis");
  for (const [group, position] of parser.pendingRefs) {
    if (group >= parser.groups) throw new ReError(`invalid group reference ${group}`, pattern, position);
  }
  let final = parser.flags;
  if (!(final & RE_FLAGS.A)) final |= RE_FLAGS.U;
  else if (final & RE_FLAGS.U) throw new ValueFromPattern("ASCII and UNICODE flags are incompatible");
  checkLookbehinds(root, parser.groupWidths);
  return { root, flags: final, groups: parser.groups - 1, groupIndex: parser.groupIndex };
}

/**
 * Parse a bytes pattern, its bytes as latin-1 chars: sre's bytes rules are the ASCII ones
 * (`\\w`, `\\d`, `\\s` and case-insensitivity over ASCII letters only). Its flags read as given
 * (no implied UNICODE); LOCALE matches as the C locale does, the ASCII classes.
 */
export function parseBytesPattern(pattern: string, flags: number): ParsedPattern {
  if (flags & RE_FLAGS.U) throw new ValueFromPattern("cannot use UNICODE flag with a bytes pattern");
  if (flags & RE_FLAGS.L && flags & RE_FLAGS.A) throw new ValueFromPattern("ASCII and LOCALE flags are incompatible");
  const parsed = parsePattern(pattern, (flags & ~RE_FLAGS.L) | RE_FLAGS.A);
  return { ...parsed, flags: (parsed.flags & ~(RE_FLAGS.A | RE_FLAGS.U)) | (flags & (RE_FLAGS.A | RE_FLAGS.L)) };
}

/** A flags mistake CPython reports as ValueError rather than re.error. */
export class ValueFromPattern extends Error {}
