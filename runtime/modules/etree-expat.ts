// An incremental XML 1.0 parser with expat's reports, as pyexpat drives ElementTree's
// XMLParser: namespace-qualified names as `{uri}local`, character data split where expat splits
// it (at each newline and reference), and expat's error messages, codes and positions
// (line from 1, column in characters from 0).
import { BAD_CHAR, ExpatError, MESSAGES, NAME_CHAR, NCNAME, NC_START, NC_START_CHAR, PREDEFINED, SPACE, XML_NS } from "./etree-expat-tables.js";

export { ExpatError };

export interface ExpatSink {
  start(tag: string, attrs: [string, string][]): void;
  end(tag: string): void;
  data(text: string): void;
  comment(text: string): void;
  pi(target: string, data: string): void;
  startNs(prefix: string, uri: string): void;
  endNs(prefix: string): void;
}

/** Thrown to stop at an incomplete token until more data is fed. */
const MORE = Symbol("more");

export class ExpatParser {
  private buf = "";
  private pos = 0;
  private final = false;
  /** Open elements: their raw names, and the namespace prefixes each declared. */
  private stack: { raw: string; tag: string; declared: string[] }[] = [];
  private scopes: Map<string, string>[] = [new Map([["xml", XML_NS]])];
  private state: "prolog" | "content" | "epilog" = "prolog";
  private entities = new Map<string, string>();

  constructor(private readonly sink: ExpatSink) {}

  /** A "\r" that ended the last data: a newline, with or without the "\n" that may follow. */
  private heldCR = false;

  feed(data: string, final: boolean): void {
    let text = (this.heldCR ? "\r" : "") + data;
    this.heldCR = !final && text.endsWith("\r");
    if (this.heldCR) text = text.slice(0, -1);
    // (at the end, expat reports a missing element before a last lone "\r")
    const lastCR = final && text.endsWith("\r") && !text.endsWith("\r\n");
    if (lastCR && this.state !== "epilog") text = text.slice(0, -1);
    this.buf += text.replace(/\r\n?/gu, "\n");
    this.final = final;
    for (;;) {
      const start = this.pos;
      try {
        if (!this.step()) break;
      } catch (e) {
        if (e !== MORE) throw e;
        this.pos = start;
        if (this.final) this.fail(5, start);
        return;
      }
    }
    if (final && this.state !== "epilog") this.fail(3, this.buf.length);
  }

  private fail(code: number, offset: number): never {
    const before = this.buf.slice(0, offset);
    const lineStart = before.lastIndexOf("\n") + 1;
    const line = before.split("\n").length;
    const column = [...before.slice(lineStart)].length;
    throw new ExpatError(`${MESSAGES[code]}: line ${line}, column ${column}`, code, line, column);
  }

  private at(s: string, offset = this.pos): boolean {
    if (this.buf.length - offset < s.length && s.startsWith(this.buf.slice(offset))) throw MORE;
    return this.buf.startsWith(s, offset);
  }

  private need(offset: number): void {
    if (offset >= this.buf.length) throw MORE;
  }

  /** Parses one token; false when the buffer holds no more. */
  private step(): boolean {
    const buf = this.buf;
    if (this.pos >= buf.length) return false;
    if (this.state === "content") return this.content();
    SPACE.lastIndex = this.pos;
    SPACE.exec(buf);
    if (SPACE.lastIndex > this.pos) {
      this.pos = SPACE.lastIndex;
      return true;
    }
    const code = this.state === "epilog" ? 9 : 2;
    if (buf[this.pos] !== "<") this.prologJunk(code);
    this.need(this.pos + 1);
    if (this.at("<?")) return this.processingInstruction();
    if (this.at("<!--")) return this.commentToken();
    const next = buf[this.pos + 1]!;
    if (next === "!") return this.declaration(code);
    if (next === "/") this.fail(4, this.pos + 1);
    if (this.state === "epilog") {
      if (NC_START_CHAR.test(next) || next === ":") this.fail(9, this.pos);
    }
    this.startTag();
    return true;
  }

  /** `<!` outside the root element: a comment, the DOCTYPE, or an error where expat finds one. */
  private declaration(code: number): boolean {
    const buf = this.buf;
    const i = this.pos + 2;
    this.need(i);
    const c = buf[i]!;
    if (c === "-") {
      this.need(i + 1);
      if (buf[i + 1] !== "-") this.fail(4, i + 1);
      return this.commentToken();
    }
    if (c === "[") this.fail(code, this.pos);
    const keyword = new RegExp(`[${NC_START}]+`, "uy");
    keyword.lastIndex = i;
    const m = keyword.exec(buf);
    if (!m) this.fail(4, i);
    const end = i + m[0].length;
    this.need(end);
    if (!/[ \t\n]/u.test(buf[end]!)) this.fail(4, end);
    if (this.state === "prolog" && m[0] === "DOCTYPE") return this.doctype();
    this.fail(code, this.pos);
  }

  /** Text outside the root element, as expat's prolog tokenizer reports it. */
  private prologJunk(code: number): never {
    const buf = this.buf;
    const p = this.pos;
    const c = buf[p]!;
    const end = (i: number): void => {
      if (i >= buf.length) {
        if (!this.final) throw MORE;
        this.fail(code, p);
      }
    };
    if (NAME_CHAR.test(c)) {
      let i = p;
      while (i < buf.length && NAME_CHAR.test(buf[i]!)) i++;
      end(i);
      if (" \t\n>),|[%?*+".includes(buf[i]!)) this.fail(code, p);
      this.fail(4, i);
    }
    if ("(,>[]|".includes(c)) this.fail(code, p);
    if (c === ")") {
      end(p + 1);
      if (" \t\n>),|]*?+".includes(buf[p + 1]!)) this.fail(code, p);
      this.fail(4, p + 1);
    }
    if (c === '"' || c === "'") {
      const close = buf.indexOf(c, p + 1);
      if (close < 0) {
        if (!this.final) throw MORE;
        this.fail(5, p);
      }
      end(close + 1);
      if (" \t\n>%[".includes(buf[close + 1]!)) this.fail(code, p);
      this.fail(4, close + 1);
    }
    if (c === "%" || c === "#") {
      if (p + 1 >= buf.length) {
        if (!this.final) throw MORE;
        this.fail(5, p);
      }
      this.fail(4, p + 1);
    }
    this.fail(4, p);
  }

  private content(): boolean {
    const buf = this.buf;
    const c = buf[this.pos]!;
    if (c === "<") {
      this.need(this.pos + 1);
      const next = buf[this.pos + 1]!;
      if (next === "/") return this.endTag();
      if (next === "?") return this.processingInstruction();
      if (next === "!") {
        this.markup("<!--", "<![CDATA[");
        if (this.at("<!--")) return this.commentToken();
        return this.cdata();
      }
      this.startTag();
      return true;
    }
    if (c === "&") {
      const start = this.pos;
      this.sink.data(this.resolve(this.reference(start), start));
      return true;
    }
    if (c === "\n") {
      this.pos++;
      this.sink.data("\n");
      return true;
    }
    let end = this.pos;
    while (end < buf.length && buf[end] !== "<" && buf[end] !== "&" && buf[end] !== "\n") end++;
    if (end === buf.length && !this.final) throw MORE;
    const text = buf.slice(this.pos, end);
    const bad = BAD_CHAR.exec(text);
    if (bad) this.fail(4, this.pos + bad.index);
    const cdataEnd = text.indexOf("]]>");
    if (cdataEnd >= 0) this.fail(4, this.pos + cdataEnd + 2);
    this.pos = end;
    this.sink.data(text);
    return true;
  }

  /**
   * The reference at `start` (`&name;`, `&#n;`) checked as a token: the entity's name, or its
   * character as `#c` (pos moves past it). resolve() then gives its text.
   */
  private reference(start: number): string {
    const buf = this.buf;
    let i = start + 1;
    this.need(i);
    if (buf[i] === "#") {
      i++;
      this.need(i);
      const hex = buf[i] === "x";
      if (hex) i++;
      const digits = hex ? /[0-9a-fA-F]*/y : /[0-9]*/y;
      digits.lastIndex = i;
      digits.exec(buf);
      const end = digits.lastIndex;
      this.need(end);
      if (end === i || buf[end] !== ";") this.fail(4, end);
      const code = parseInt(buf.slice(i, end), hex ? 16 : 10);
      const ok = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
      if (!ok) this.fail(14, start);
      this.pos = end + 1;
      return "#" + String.fromCodePoint(code);
    }
    NCNAME.lastIndex = i;
    const m = NCNAME.exec(buf);
    if (!m) this.fail(4, i);
    const end = i + m[0].length;
    this.need(end);
    if (buf[end] !== ";") this.fail(4, end);
    this.pos = end + 1;
    return m[0];
  }

  /** The text of a reference() result; an undefined entity fails at `at`. */
  private resolve(ref: string, at: number): string {
    if (ref.startsWith("#")) return ref.slice(1);
    const known = PREDEFINED[ref] ?? this.entities.get(ref);
    if (known === undefined) this.fail(11, at);
    return known;
  }

  /** A name at `from`, with at most one colon between two non-empty parts (pos moves past it). */
  private qname(from: number): string {
    const buf = this.buf;
    NCNAME.lastIndex = from;
    let m = NCNAME.exec(buf);
    if (!m) {
      this.need(from);
      this.fail(4, from);
    }
    let end = from + m[0].length;
    this.need(end);
    if (buf[end] === ":") {
      NCNAME.lastIndex = end + 1;
      m = NCNAME.exec(buf);
      if (!m) {
        this.need(end + 1);
        this.fail(4, end + 1);
      }
      end += 1 + m[0].length;
      this.need(end);
      if (buf[end] === ":") this.fail(4, end);
    }
    this.pos = end;
    return buf.slice(from, end);
  }

  private name(): string {
    return this.qname(this.pos);
  }

  private space(): boolean {
    SPACE.lastIndex = this.pos;
    SPACE.exec(this.buf);
    const moved = SPACE.lastIndex > this.pos;
    this.pos = SPACE.lastIndex;
    this.need(this.pos);
    return moved;
  }

  private startTag(): void {
    const buf = this.buf;
    const open = this.pos;
    this.pos++;
    const raw = this.name();
    // The tag as a token first (its attribute values' references checked as tokens only).
    const attrs: { name: string; at: number; parts: { text: string; ref: boolean; at: number }[] }[] = [];
    for (;;) {
      const spaced = this.space();
      const c = buf[this.pos]!;
      if (c === ">" || c === "/") break;
      if (!spaced) this.fail(4, this.pos);
      const at = this.pos;
      const name = this.name();
      this.space();
      if (buf[this.pos] !== "=") this.fail(4, this.pos);
      this.pos++;
      this.space();
      const quote = buf[this.pos]!;
      if (quote !== '"' && quote !== "'") this.fail(4, this.pos);
      this.pos++;
      const parts: { text: string; ref: boolean; at: number }[] = [];
      for (;;) {
        this.need(this.pos);
        const ch = buf[this.pos]!;
        if (ch === quote) break;
        if (ch === "<" || BAD_CHAR.test(ch)) this.fail(4, this.pos);
        if (ch === "&") {
          const refAt = this.pos;
          parts.push({ text: this.reference(refAt), ref: true, at: refAt });
        } else if (ch === "\n" || ch === "\t") {
          parts.push({ text: " ", ref: false, at: this.pos });
          this.pos++;
        } else {
          // a run of plain characters at once
          let end = this.pos + 1;
          while (end < buf.length) {
            const c2 = buf[end]!;
            if (c2 === quote || c2 === "&" || c2 === "<" || c2 === "\n" || c2 === "\t" || BAD_CHAR.test(c2)) break;
            end++;
          }
          parts.push({ text: buf.slice(this.pos, end), ref: false, at: this.pos });
          this.pos = end;
        }
      }
      this.pos++;
      const after = buf[this.pos];
      if (after !== undefined && after !== ">" && after !== "/" && !/[ \t\n]/u.test(after)) this.fail(4, this.pos);
      attrs.push({ name, at, parts });
    }
    const empty = buf[this.pos] === "/";
    if (empty) {
      this.pos++;
      this.need(this.pos);
      if (buf[this.pos] !== ">") this.fail(4, this.pos);
    }
    this.pos++;
    // Then expat's storeAtts: duplicates and values attribute by attribute, then namespaces.
    const values: [string, string, number][] = [];
    for (const a of attrs) {
      if (values.some((v) => v[0] === a.name)) this.fail(8, a.at);
      const value = a.parts.map((part) => (part.ref ? this.resolve(part.text, open) : part.text)).join("");
      values.push([a.name, value, a.at]);
    }
    const scope = new Map(this.scopes[this.scopes.length - 1]);
    const declared: [string, string][] = [];
    const plain: [string, string, number][] = [];
    for (const a of values) {
      if (a[0] === "xmlns") declared.push(["", a[1]]);
      else if (a[0].startsWith("xmlns:")) declared.push([a[0].slice(6), a[1]]);
      else plain.push(a);
    }
    for (const [prefix, uri] of declared) {
      if (prefix !== "" && uri === "") this.fail(28, open);
      scope.set(prefix, uri);
    }
    const qualify = (name: string, element: boolean): string => {
      const colon = name.indexOf(":");
      if (colon < 0) {
        const uri = element ? scope.get("") : undefined;
        return uri ? `{${uri}}${name}` : name;
      }
      const uri = scope.get(name.slice(0, colon));
      if (uri === undefined || uri === "") this.fail(27, open);
      return `{${uri}}${name.slice(colon + 1)}`;
    };
    const resolved = plain.map(([n, v]) => [qualify(n, false), v] as [string, string]);
    const seen = new Set<string>();
    for (const [n] of resolved) {
      if (seen.has(n)) this.fail(8, open);
      seen.add(n);
    }
    const tag = qualify(raw, true);
    if (this.state === "prolog") this.state = "content";
    for (const [prefix, uri] of declared) this.sink.startNs(prefix, uri);
    this.sink.start(tag, resolved);
    if (empty) {
      this.sink.end(tag);
      for (const [prefix] of [...declared].reverse()) this.sink.endNs(prefix);
      if (this.stack.length === 0) this.state = "epilog";
      return;
    }
    this.scopes.push(scope);
    this.stack.push({ raw, tag, declared: declared.map((d) => d[0]) });
  }

  private endTag(): boolean {
    this.pos += 2;
    const at = this.pos;
    // (an end tag's name is not checked for its colons: a wrong one is a mismatched tag)
    NCNAME.lastIndex = at;
    if (!NCNAME.exec(this.buf)) {
      this.need(at);
      this.fail(4, at);
    }
    let i = at;
    while (i < this.buf.length && NAME_CHAR.test(this.buf[i]!)) i++;
    this.pos = i;
    this.need(i);
    const raw = this.buf.slice(at, i);
    this.space();
    if (this.buf[this.pos] !== ">") this.fail(4, this.pos);
    this.pos++;
    const top = this.stack[this.stack.length - 1]!;
    if (top.raw !== raw) this.fail(7, at);
    this.stack.pop();
    this.scopes.pop();
    this.sink.end(top.tag);
    for (const prefix of [...top.declared].reverse()) this.sink.endNs(prefix);
    if (this.stack.length === 0) this.state = "epilog";
    return true;
  }

  /** `<!` followed by the start of one of `forms`, or an invalid token at the first char that fits none. */
  private markup(...forms: string[]): void {
    const buf = this.buf;
    let i = this.pos + 2;
    // (expat compares a form only once the buffer holds all of it)
    if (forms.some((f) => f.startsWith(buf.slice(this.pos, this.pos + 3)) && buf.length - this.pos < f.length)) throw MORE;
    for (;;) {
      this.need(i);
      const live = forms.filter((f) => f.length > i - this.pos && f.startsWith(buf.slice(this.pos, i + 1)));
      if (live.length === 0) this.fail(4, i);
      if (live.some((f) => f.length === i + 1 - this.pos)) return;
      i++;
    }
  }

  private until(close: string, from: number): number {
    const end = this.buf.indexOf(close, from);
    if (end < 0) throw MORE;
    return end;
  }

  private commentToken(): boolean {
    const start = this.pos + 4;
    const end = this.until("--", start);
    this.need(end + 2);
    if (this.buf[end + 2] !== ">") this.fail(4, end + 2);
    const text = this.buf.slice(start, end);
    const bad = BAD_CHAR.exec(text);
    if (bad) this.fail(4, start + bad.index);
    this.pos = end + 3;
    this.sink.comment(text);
    return true;
  }

  private processingInstruction(): boolean {
    const start = this.pos;
    this.pos += 2;
    NCNAME.lastIndex = this.pos;
    const m = NCNAME.exec(this.buf);
    if (!m) {
      this.need(this.pos);
      this.fail(4, this.pos);
    }
    const target = m[0];
    this.pos += target.length;
    this.need(this.pos);
    const c = this.buf[this.pos]!;
    if (c !== "?" && !/[ \t\n]/u.test(c)) this.fail(4, this.pos);
    if (c === "?") {
      this.need(this.pos + 1);
      if (this.buf[this.pos + 1] !== ">") this.fail(4, this.pos + 1);
    }
    if (target.toLowerCase() === "xml") {
      if (target !== "xml") this.fail(4, this.pos);
      const end = this.until("?>", this.pos);
      if (start !== 0) this.fail(17, start);
      this.xmlDeclaration(this.pos, end);
      this.pos = end + 2;
      return true;
    }
    const end = this.until("?>", this.pos);
    const data = this.buf.slice(this.pos, end).replace(/^[ \t\n]+/u, "");
    this.pos = end + 2;
    this.sink.pi(target, data);
    return true;
  }

  /** The pseudo-attributes of `<?xml ...?>` (version, then encoding and standalone), as expat checks them. */
  private xmlDeclaration(from: number, end: number): void {
    const buf = this.buf;
    const expected = ["version", "encoding", "standalone"];
    let i = from;
    let index = 0;
    for (;;) {
      const spaced = /[ \t\n]/u.test(buf[i]!);
      while (i < end && /[ \t\n]/u.test(buf[i]!)) i++;
      if (i === end) {
        if (index === 0) this.fail(30, i);
        return;
      }
      if (!spaced) this.fail(30, i);
      const nameAt = i;
      while (i < end && !/[ \t\n=]/u.test(buf[i]!)) i++;
      const name = buf.slice(nameAt, i);
      if (name === "") this.fail(30, nameAt);
      while (i < end && /[ \t\n]/u.test(buf[i]!)) i++;
      if (buf[i] !== "=") this.fail(30, i);
      i++;
      while (i < end && /[ \t\n]/u.test(buf[i]!)) i++;
      const quote = buf[i];
      if (quote !== '"' && quote !== "'") this.fail(30, i);
      const valueAt = i + 1;
      let close = valueAt;
      while (close < end + 2 && buf[close] !== quote) {
        if (!/[-\w.]/u.test(buf[close]!)) this.fail(30, close);
        close++;
      }
      const value = buf.slice(valueAt, close);
      i = close + 1;
      const position = expected.indexOf(name);
      if (position < index || (index === 0 && name !== "version")) this.fail(30, nameAt);
      index = position + 1;
      if (name === "standalone" && value !== "yes" && value !== "no") this.fail(30, valueAt);
      if (name === "encoding" && !/^[A-Za-z]/u.test(value)) this.fail(30, valueAt);
    }
  }

  private cdata(): boolean {
    const start = this.pos + 9;
    const end = this.buf.indexOf("]]>", start);
    if (end < 0) {
      // (expat holds back a "]" or "]]" that may begin the section's end)
      if (this.final) this.fail(20, this.buf.length - (/\]{1,2}$/u.exec(this.buf)?.[0].length ?? 0));
      throw MORE;
    }
    const text = this.buf.slice(start, end);
    this.pos = end + 3;
    for (const part of text.split(/(\n)/u)) if (part !== "") this.sink.data(part);
    return true;
  }

  private doctype(): boolean {
    const buf = this.buf;
    let i = this.pos + 9;
    let quote: string | null = null;
    for (;;) {
      if (i >= buf.length) throw MORE;
      const c = buf[i]!;
      if (quote !== null) {
        if (c === quote) quote = null;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === "[") {
        const close = this.until("]", i);
        const subset = buf.slice(i + 1, close);
        for (const m of subset.matchAll(/<!ENTITY\s+([^\s%]+)\s+(?:"([^"]*)"|'([^']*)')\s*>/gu)) {
          if (!this.entities.has(m[1]!)) this.entities.set(m[1]!, m[2] ?? m[3] ?? "");
        }
        i = close;
      } else if (c === ">") break;
      i++;
    }
    this.pos = i + 1;
    return true;
  }
}
