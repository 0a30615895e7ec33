// An incremental XML 1.0 parser with expat's reports, as pyexpat drives ElementTree's
// XMLParser: namespace-qualified names as `{uri}local`, character data split where expat splits
// it (at each newline and reference), and expat's error messages, codes and positions
// (line from 1, column in UTF-8 bytes from 0).

export interface ExpatSink {
  start(tag: string, attrs: [string, string][]): void;
  end(tag: string): void;
  data(text: string): void;
  comment(text: string): void;
  pi(target: string, data: string): void;
  startNs(prefix: string, uri: string): void;
  endNs(prefix: string): void;
}

export class ExpatError {
  constructor(
    readonly message: string,
    readonly code: number,
    readonly line: number,
    readonly column: number,
  ) {}
}

const MESSAGES: Record<number, string> = {
  2: "syntax error",
  3: "no element found",
  4: "not well-formed (invalid token)",
  5: "unclosed token",
  7: "mismatched tag",
  8: "duplicate attribute",
  9: "junk after document element",
  11: "undefined entity",
  14: "reference to invalid character number",
  17: "XML or text declaration not at start of entity",
  27: "unbound prefix",
};

const NAME = /[A-Za-z_:\u00C0-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}][-.0-9A-Za-z_:\u00B7\u00C0-\u02FF\u0300-\u037D\u037F-\u1FFF\u200C-\u200D\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}]*/uy;
const SPACE = /[ \t\r\n]*/y;
const BAD_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/u;
const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const XML_NS = "http://www.w3.org/XML/1998/namespace";

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

  feed(data: string, final: boolean): void {
    this.buf += data.replace(/\r\n?/gu, "\n");
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
    const column = Buffer.byteLength(before.slice(lineStart), "utf8");
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
    if (buf[this.pos] !== "<") {
      if (this.state === "epilog") this.fail(9, this.pos);
      const lt = buf.indexOf("<", this.pos);
      if (lt < 0) {
        if (!this.final) throw MORE;
        this.fail(2, this.pos);
      }
      this.fail(4, lt);
    }
    this.need(this.pos + 1);
    if (this.at("<?")) return this.processingInstruction();
    if (this.at("<!--")) return this.commentToken();
    if (this.state === "prolog" && this.at("<!DOCTYPE")) return this.doctype();
    if (this.state === "epilog") this.fail(9, this.pos);
    this.startTag();
    return true;
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
        if (this.at("<!--")) return this.commentToken();
        if (this.at("<![CDATA[")) return this.cdata();
        this.fail(4, this.pos + 1);
      }
      this.startTag();
      return true;
    }
    if (c === "&") {
      this.sink.data(this.reference(this.pos));
      return true;
    }
    if (c === "\n") {
      this.pos++;
      this.sink.data("\n");
      return true;
    }
    let end = this.pos;
    while (end < buf.length && buf[end] !== "<" && buf[end] !== "&" && buf[end] !== "\n") end++;
    if (end === buf.length && !this.final && end - this.pos < 2) throw MORE;
    const text = buf.slice(this.pos, end);
    const bad = BAD_CHAR.exec(text);
    if (bad) this.fail(4, this.pos + bad.index);
    const cdataEnd = text.indexOf("]]>");
    if (cdataEnd >= 0) this.fail(4, this.pos + cdataEnd + 2);
    this.pos = end;
    this.sink.data(text);
    return true;
  }

  /** `&name;` or `&#n;` at `start`: its text (pos moves past it). */
  private reference(start: number): string {
    const buf = this.buf;
    let i = start + 1;
    this.need(i);
    let value: string;
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
      value = String.fromCodePoint(code);
      i = end + 1;
    } else {
      NAME.lastIndex = i;
      const m = NAME.exec(buf);
      if (!m) this.fail(4, i);
      const end = i + m[0].length;
      this.need(end);
      if (buf[end] !== ";") this.fail(4, end);
      const name = m[0];
      const known = PREDEFINED[name] ?? this.entities.get(name);
      if (known === undefined) this.fail(11, start);
      value = known;
      i = end + 1;
    }
    this.pos = i;
    return value;
  }

  private name(): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.buf);
    if (!m) {
      this.need(this.pos);
      this.fail(4, this.pos);
    }
    this.pos += m[0].length;
    this.need(this.pos);
    return m[0];
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
    const attrs: [string, string, number][] = [];
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
      let value = "";
      for (;;) {
        this.need(this.pos);
        const ch = buf[this.pos]!;
        if (ch === quote) break;
        if (ch === "<" || BAD_CHAR.test(ch)) this.fail(4, this.pos);
        if (ch === "&") value += this.reference(this.pos);
        else {
          value += ch === "\n" || ch === "\t" ? " " : ch;
          this.pos++;
        }
      }
      this.pos++;
      if (attrs.some((a) => a[0] === name)) this.fail(8, at);
      attrs.push([name, value, at]);
    }
    const empty = buf[this.pos] === "/";
    if (empty) {
      this.pos++;
      this.need(this.pos);
      if (buf[this.pos] !== ">") this.fail(4, this.pos);
    }
    this.pos++;
    // Namespaces: the declarations first, then the names they qualify.
    const scope = new Map(this.scopes[this.scopes.length - 1]);
    const declared: [string, string][] = [];
    const plain: [string, string, number][] = [];
    for (const a of attrs) {
      if (a[0] === "xmlns") declared.push(["", a[1]]);
      else if (a[0].startsWith("xmlns:")) declared.push([a[0].slice(6), a[1]]);
      else plain.push(a);
    }
    for (const [prefix, uri] of declared) scope.set(prefix === "" ? "" : prefix, uri);
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
    const tag = qualify(raw, true);
    const resolved = plain.map(([n, v]) => [qualify(n, false), v] as [string, string]);
    const seen = new Set<string>();
    resolved.forEach(([n], i) => {
      if (seen.has(n)) this.fail(8, plain[i]![2]);
      seen.add(n);
    });
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
    const start = this.pos;
    this.pos += 2;
    const at = this.pos;
    const raw = this.name();
    this.space();
    if (this.buf[this.pos] !== ">") this.fail(4, this.pos);
    this.pos++;
    const top = this.stack[this.stack.length - 1]!;
    if (top.raw !== raw) {
      this.pos = start;
      this.fail(7, at);
    }
    this.stack.pop();
    this.scopes.pop();
    this.sink.end(top.tag);
    for (const prefix of [...top.declared].reverse()) this.sink.endNs(prefix);
    if (this.stack.length === 0) this.state = "epilog";
    return true;
  }

  private until(close: string, from: number): number {
    const end = this.buf.indexOf(close, from);
    if (end < 0) throw MORE;
    return end;
  }

  private commentToken(): boolean {
    const start = this.pos + 4;
    const end = this.until("-->", start);
    const text = this.buf.slice(start, end);
    const dashes = text.indexOf("--");
    if (dashes >= 0) this.fail(4, start + dashes + 2);
    if (text.endsWith("-")) this.fail(4, end + 2);
    this.pos = end + 3;
    this.sink.comment(text);
    return true;
  }

  private processingInstruction(): boolean {
    const start = this.pos;
    this.pos += 2;
    const target = this.name();
    const end = this.until("?>", this.pos);
    if (target.toLowerCase() === "xml") {
      if (start !== 0) this.fail(17, start);
      this.pos = end + 2;
      return true;
    }
    const c = this.buf[this.pos]!;
    if (c !== "?" && !/[ \t\n]/u.test(c)) this.fail(4, this.pos);
    const data = this.buf.slice(this.pos, end).replace(/^[ \t\n]+/u, "");
    this.pos = end + 2;
    this.sink.pi(target, data);
    return true;
  }

  private cdata(): boolean {
    const start = this.pos + 9;
    const end = this.until("]]>", start);
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
