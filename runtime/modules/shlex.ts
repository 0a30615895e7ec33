// Python's `shlex`: the shlex lexer class (POSIX and compatibility modes, whitespace_split,
// punctuation_chars, comments, quotes and escapes, push_token/push_source, error_leader),
// split, quote and join, ported from CPython's Lib/shlex.py.

import { StopIteration, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { toStr } from "../values/repr.js";
import { iterable } from "../values/iteration.js";
import { truthy } from "../values/truth.js";
import { callMethod } from "../values/methods.js";
import { ioModule } from "./io.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { sysModule } from "./sys.js";
import { dirname, isabs, join as joinPath } from "./os-path.js";
import { open } from "../lang/files.js";
import { Tuple } from "../values/tuple.js";

/** A str source read a character at a time, as io.StringIO would be. */
class StringReader {
  pos = 0;
  constructor(readonly text: string) {}
  read(n: unknown): string {
    const k = Number(n);
    const c = Array.from(this.text.slice(this.pos, this.pos + 2 * k)).slice(0, k).join("");
    this.pos += c.length;
    return c;
  }
  readline(): string {
    const i = this.text.indexOf("\n", this.pos);
    const end = i < 0 ? this.text.length : i + 1;
    const line = this.text.slice(this.pos, end);
    this.pos = end;
    return line;
  }
  close(): null {
    return null;
  }
}

function readChar(stream: unknown): string {
  if (stream instanceof StringReader) return stream.read(1);
  return toStr(callMethod(stream, "read", 1n));
}

function readLine(stream: unknown): void {
  if (stream instanceof StringReader) stream.readline();
  else callMethod(stream, "readline");
}

const PARAMS = ["instream", "infile", "posix", "punctuation_chars"];

export class shlex {
  static readonly __module__ = "shlex";
  [attr: string]: any;
  instream: unknown;
  infile: unknown;
  posix: boolean;
  eof: string | null;
  commenters = "#";
  wordchars = "abcdfeghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
  whitespace = " \t\r\n";
  whitespace_split: unknown = false;
  quotes = "'\"";
  escape = "\\";
  escapedquotes = '"';
  state: string | null = " ";
  pushback: string[] = [];
  lineno = 1n;
  debug = 0n;
  token = "";
  filestack: [unknown, unknown, bigint][] = [];
  source: unknown = null;
  _punctuation_chars: string;
  _pushback_chars: string[] = [];

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const p: Record<string, unknown> = { instream: null, infile: null, posix: false, punctuation_chars: false };
    pos.forEach((v, i) => (p[PARAMS[i]!] = v));
    Object.assign(p, kws);
    let instream = p.instream;
    if (typeof instream === "string") instream = new StringReader(instream);
    if (instream !== null && instream !== undefined) {
      this.instream = instream;
      this.infile = p.infile;
    } else {
      this.instream = (sysModule as { stdin?: unknown }).stdin ?? null;
      this.infile = null;
    }
    this.posix = truthy(p.posix);
    this.eof = this.posix ? null : "";
    if (this.posix) this.wordchars += "ßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ";
    let punct = p.punctuation_chars;
    if (!truthy(punct)) punct = "";
    else if (punct === true) punct = "();<>|&";
    this._punctuation_chars = toStr(punct);
    if (this._punctuation_chars) {
      this.wordchars += "~-./*?=";
      this.wordchars = Array.from(this.wordchars).filter((c) => !this._punctuation_chars.includes(c)).join("");
    }
  }

  get punctuation_chars(): string {
    return this._punctuation_chars;
  }

  push_token(tok: unknown): null {
    this.pushback.unshift(toStr(tok));
    return null;
  }

  push_source(newstream: unknown, newfile: unknown = null): null {
    const stream = typeof newstream === "string" ? new StringReader(newstream) : newstream;
    this.filestack.unshift([this.infile, this.instream, this.lineno]);
    this.infile = newfile;
    this.instream = stream;
    this.lineno = 1n;
    return null;
  }

  /**
   * `sourcehook(newfile)`: the `(name, stream)` to read when the `source` keyword names a file
   * (quotes stripped; a relative name is taken from the current file's directory).
   */
  sourcehook(newfile: unknown): any {
    let name = toStr(newfile);
    if (name[0] === '"') name = name.slice(1, -1);
    if (typeof this.infile === "string" && !isabs(name)) name = joinPath(dirname(this.infile), name);
    return Tuple.of(name, open(name, "r"));
  }

  pop_source(): null {
    callMethod(this.instream, "close");
    [this.infile, this.instream, this.lineno] = this.filestack.shift()!;
    this.state = " ";
    return null;
  }

  get_token(): string | null {
    if (this.pushback.length > 0) return this.pushback.shift()!;
    let raw = this.read_token();
    if (this.source !== null && this.source !== undefined) {
      while (raw === this.source) {
        const spec = callMethod(this, "sourcehook", this.read_token());
        if (truthy(spec)) {
          const [newfile, newstream] = Array.from(iterable(spec));
          this.push_source(newstream, newfile);
        }
        raw = this.get_token();
      }
    }
    while (raw === this.eof) {
      if (this.filestack.length === 0) return this.eof;
      this.pop_source();
      raw = this.get_token();
    }
    return raw;
  }

  read_token(): string | null {
    let quoted = false;
    let escapedstate = " ";
    const has = (set: string, c: string): boolean => c !== "" && set.includes(c);
    for (;;) {
      let nextchar: string;
      if (this._punctuation_chars && this._pushback_chars.length > 0) nextchar = this._pushback_chars.pop()!;
      else nextchar = readChar(this.instream);
      if (nextchar === "\n") this.lineno += 1n;
      const emit = (): boolean => Boolean(this.token) || (this.posix && quoted);
      if (this.state === null) {
        this.token = "";
        break;
      } else if (this.state === " ") {
        if (!nextchar) {
          this.state = null;
          break;
        } else if (has(this.whitespace, nextchar)) {
          if (emit()) break;
          continue;
        } else if (has(this.commenters, nextchar)) {
          readLine(this.instream);
          this.lineno += 1n;
        } else if (this.posix && has(this.escape, nextchar)) {
          escapedstate = "a";
          this.state = nextchar;
        } else if (has(this.wordchars, nextchar)) {
          this.token = nextchar;
          this.state = "a";
        } else if (has(this._punctuation_chars, nextchar)) {
          this.token = nextchar;
          this.state = "c";
        } else if (has(this.quotes, nextchar)) {
          if (!this.posix) this.token = nextchar;
          this.state = nextchar;
        } else if (truthy(this.whitespace_split)) {
          this.token = nextchar;
          this.state = "a";
        } else {
          this.token = nextchar;
          if (emit()) break;
          continue;
        }
      } else if (has(this.quotes, this.state)) {
        quoted = true;
        if (!nextchar) throw new ValueError("No closing quotation");
        if (nextchar === this.state) {
          if (!this.posix) {
            this.token += nextchar;
            this.state = " ";
            break;
          }
          this.state = "a";
        } else if (this.posix && has(this.escape, nextchar) && has(this.escapedquotes, this.state)) {
          escapedstate = this.state;
          this.state = nextchar;
        } else {
          this.token += nextchar;
        }
      } else if (has(this.escape, this.state)) {
        if (!nextchar) throw new ValueError("No escaped character");
        if (has(this.quotes, escapedstate) && nextchar !== this.state && nextchar !== escapedstate) this.token += this.state;
        this.token += nextchar;
        this.state = escapedstate;
      } else if (this.state === "a" || this.state === "c") {
        if (!nextchar) {
          this.state = null;
          break;
        } else if (has(this.whitespace, nextchar)) {
          this.state = " ";
          if (emit()) break;
          continue;
        } else if (has(this.commenters, nextchar)) {
          readLine(this.instream);
          this.lineno += 1n;
          if (this.posix) {
            this.state = " ";
            if (emit()) break;
            continue;
          }
        } else if (this.state === "c") {
          if (has(this._punctuation_chars, nextchar)) {
            this.token += nextchar;
          } else {
            if (!has(this.whitespace, nextchar)) this._pushback_chars.push(nextchar);
            this.state = " ";
            break;
          }
        } else if (this.posix && has(this.quotes, nextchar)) {
          this.state = nextchar;
        } else if (this.posix && has(this.escape, nextchar)) {
          escapedstate = "a";
          this.state = nextchar;
        } else if (has(this.wordchars, nextchar) || has(this.quotes, nextchar) || (truthy(this.whitespace_split) && !has(this._punctuation_chars, nextchar))) {
          this.token += nextchar;
        } else {
          if (this._punctuation_chars) this._pushback_chars.push(nextchar);
          else this.pushback.unshift(nextchar);
          this.state = " ";
          if (emit()) break;
          continue;
        }
      }
    }
    let result: string | null = this.token;
    this.token = "";
    if (this.posix && !quoted && result === "") result = null;
    return result;
  }

  error_leader(infile: unknown = null, lineno: unknown = null): string {
    const file = infile ?? this.infile;
    const line = lineno ?? this.lineno;
    return `"${toStr(file)}", line ${toStr(line)}: `;
  }

  __iter__(): this {
    return this;
  }

  __next__(): string {
    const token = callMethod(this, "get_token") as string | null;
    if (token === this.eof) throw new StopIteration();
    return token as string;
  }

  *[Symbol.iterator](): Generator<string> {
    for (;;) {
      const token = callMethod(this, "get_token") as string | null;
      if (token === this.eof) return;
      yield token as string;
    }
  }
}

function split(...args: unknown[]): string[] {
  const [pos, kws] = splitKw(args);
  const s = pos[0] ?? kws.s;
  const comments = pos.length > 1 ? pos[1] : (kws.comments ?? false);
  const posix = pos.length > 2 ? pos[2] : (kws.posix ?? true);
  const lex = new shlex(s, null, posix);
  lex.whitespace_split = true;
  if (!truthy(comments)) lex.commenters = "";
  return Array.from(lex);
}

function quote(s: unknown): string {
  const text = toStr(s);
  if (!text) return "''";
  if (!/[^\w@%+=:,./-]/.test(text)) return text;
  return "'" + text.replaceAll("'", `'"'"'`) + "'";
}

function join(splitCommand: unknown): string {
  return Array.from(iterable(splitCommand), quote).join(" ");
}

export const shlexModule = moduleObject("shlex", {
  __all__: ["shlex", "split", "quote", "join"],
  shlex: pyClass(shlex),
  // shlex.py's own `from io import StringIO` (a str instream is wrapped in one).
  StringIO: ioModule.StringIO,
  split,
  quote,
  join,
});
