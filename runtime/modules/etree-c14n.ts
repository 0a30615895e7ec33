// ElementTree's C14N 2.0 serialiser: C14NWriterTarget, a parser target that writes canonical XML
// through a `write` callable, and canonicalize(), which feeds it from a string or a file. As
// CPython's implementation gives it: namespace declarations only where first used (sorted by
// prefix), attributes sorted by namespace URI and name, comments and PIs outside the root on
// their own lines, optional text stripping (honouring xml:space="preserve"), prefix rewriting to
// n0, n1..., qname-aware tags and attributes, and excluded tags and attributes.

import { Dict } from "../values/dict.js";
import { ValueError } from "../values/exceptions.js";
import { iterable } from "../values/iteration.js";
import { kw as kwOf, splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { truthy } from "../values/truth.js";
import { StringIO } from "../lang/io-memory.js";
import { callValue } from "./pycall.js";
import { namespaceMap } from "./etree-serialize.js";

const XML_NS = "http://www.w3.org/XML/1998/namespace";
// Python's `^\w+:\w+$` (\w: letters, digits and numbers, underscore) and str.strip()'s whitespace
const PREFIXED_NAME = /^[\p{L}\p{N}_]+:[\p{L}\p{N}_]+$/u;
const EDGE_SPACE = /^[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** Python's str ordering (code points, not UTF-16 units). */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a], y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
  }
  return x.length - y.length;
}

function compareParts(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareText(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export function escapeCdataC14n(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#xD;");
}

export function escapeAttribC14n(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;").replace(/\t/g, "&#x9;").replace(/\n/g, "&#xA;").replace(/\r/g, "&#xD;");
}

/** (uri, prefix) pairs, one list per element (most are empty). */
type Scope = [string, string][];

const optionalSet = (x: unknown): Set<string> | null => (x === null || x === undefined || !truthy(x) ? null : new Set([...iterable(x)].map(String)));

export class C14NWriterTarget {
  static readonly __module__ = "xml.etree.ElementTree";
  private readonly writeText: unknown;
  private readonly pendingData: string[] = [];
  private readonly withComments: boolean;
  private readonly stripText: boolean;
  private readonly rewritePrefixes: boolean;
  private readonly excludeAttrs: Set<string> | null;
  private readonly excludeTags: Set<string> | null;
  private readonly qnameAwareTags: Set<string> | null;
  private readonly qnameAwareAttrs: Set<string> | null;
  /** namespaces declared in the output so far, per open element */
  private readonly declared: Scope[] = [[[XML_NS, "xml"]]];
  /** namespaces the input declared, per open element */
  private readonly inScope: Scope[] = [];
  private readonly rewritten = new Map<string, string>();
  private readonly preserveSpace: boolean[] = [false];
  private pendingStart: [string, Dict<unknown, unknown>, Scope] | null = null;
  private rootSeen = false;
  private rootDone = false;
  private ignoredDepth = 0;

  constructor(...args: unknown[]) {
    const [[write], kws] = splitKw(args);
    this.writeText = write;
    this.withComments = truthy(kws["with_comments"] ?? false);
    this.stripText = truthy(kws["strip_text"] ?? false);
    this.rewritePrefixes = truthy(kws["rewrite_prefixes"] ?? false);
    this.qnameAwareTags = optionalSet(kws["qname_aware_tags"]);
    this.qnameAwareAttrs = optionalSet(kws["qname_aware_attrs"]);
    this.excludeAttrs = optionalSet(kws["exclude_attrs"]);
    this.excludeTags = optionalSet(kws["exclude_tags"]);
    if (!this.rewritePrefixes) this.inScope.push([...namespaceMap].map(([uri, prefix]) => [uri, prefix] as [string, string]));
    this.inScope.push([]);
  }

  private write(text: string): void {
    callValue(this.writeText, text);
  }

  /** The pairs of a stack of scopes, innermost first. */
  private *scoped(stack: Scope[]): Generator<[string, string]> {
    for (let i = stack.length - 1; i >= 0; i--) yield* stack[i]!;
  }

  private resolvePrefixName(prefixed: string): string {
    const at = prefixed.indexOf(":");
    const prefix = prefixed.slice(0, at), name = prefixed.slice(at + 1);
    for (const [uri, p] of this.scoped(this.inScope)) if (p === prefix) return `{${uri}}${name}`;
    throw new ValueError(`Prefix ${prefix} of QName "${prefixed}" is not declared in scope`);
  }

  /** [prefixed name, local name, uri] of `{uri}local`, declaring its namespace when new. */
  private qname(qname: string): [string, string, string] {
    let uri = "", tag = qname;
    if (qname.startsWith("{")) {
      const close = qname.lastIndexOf("}");
      uri = qname.slice(1, close);
      tag = qname.slice(close + 1);
    }
    const prefixesSeen = new Set<string>();
    for (const [u, prefix] of this.scoped(this.declared)) {
      if (u === uri && !prefixesSeen.has(prefix)) return [prefix ? `${prefix}:${tag}` : tag, tag, uri];
      prefixesSeen.add(prefix);
    }
    if (this.rewritePrefixes) {
      let prefix = this.rewritten.get(uri);
      if (prefix === undefined) this.rewritten.set(uri, (prefix = `n${this.rewritten.size}`));
      this.declared[this.declared.length - 1]!.push([uri, prefix]);
      return [`${prefix}:${tag}`, tag, uri];
    }
    // no namespace and no default namespace declared: no prefix needed
    if (!uri && !prefixesSeen.has("")) return [tag, tag, uri];
    for (const [u, prefix] of this.scoped(this.inScope)) {
      if (u === uri) {
        this.declared[this.declared.length - 1]!.push([uri, prefix]);
        return [prefix ? `${prefix}:${tag}` : tag, tag, uri];
      }
    }
    if (!uri) return [tag, tag, uri];
    throw new ValueError(`Namespace "${uri}" is not declared in scope`);
  }

  data(text: unknown): null {
    if (!this.ignoredDepth) this.pendingData.push(String(text));
    return null;
  }

  private flush(): void {
    let text = this.pendingData.join("");
    this.pendingData.length = 0;
    if (this.stripText && !this.preserveSpace[this.preserveSpace.length - 1]) text = text.replace(EDGE_SPACE, "");
    if (this.pendingStart !== null) {
      const [tag, attrs, scope] = this.pendingStart;
      this.pendingStart = null;
      const qnameText = text && PREFIXED_NAME.test(text) ? text : null;
      this.start_(tag, attrs, scope, qnameText);
      if (qnameText !== null) return;
    }
    if (text && this.rootSeen) this.write(escapeCdataC14n(text));
  }

  start_ns(prefix: unknown, uri: unknown): null {
    if (this.ignoredDepth) return null;
    // text before may need the prefixes in scope as they were
    if (this.pendingData.length) this.flush();
    this.inScope[this.inScope.length - 1]!.push([String(uri), String(prefix)]);
    return null;
  }

  start(tag: unknown, attrs: unknown): null {
    const name = String(tag);
    if (this.excludeTags !== null && (this.ignoredDepth || this.excludeTags.has(name))) {
      this.ignoredDepth++;
      return null;
    }
    if (this.pendingData.length) this.flush();
    const scope: Scope = [];
    this.declared.push(scope);
    const attrib = attrs instanceof Dict ? attrs : new Dict<unknown, unknown>();
    // a qname-aware tag waits for its text, which may need a namespace declaration
    if (this.qnameAwareTags !== null && this.qnameAwareTags.has(name)) this.pendingStart = [name, attrib, scope];
    else this.start_(name, attrib, scope, null);
    return null;
  }

  private start_(tag: string, attrsIn: Dict<unknown, unknown>, scope: Scope, qnameText: string | null): void {
    let attrs = [...attrsIn.entries()].map(([k, v]) => [String(k), String(v)] as [string, string]);
    if (this.excludeAttrs !== null) attrs = attrs.filter(([k]) => !this.excludeAttrs!.has(k));
    const qnames = new Set<string>([tag, ...attrs.map(([k]) => k)]);
    const resolved = new Map<string, string>();
    if (qnameText !== null) {
      const q = this.resolvePrefixName(qnameText);
      resolved.set(qnameText, q);
      qnames.add(q);
    }
    let qattrs: Set<string> | null = null;
    if (this.qnameAwareAttrs !== null && attrs.length) {
      const found = attrs.filter(([k]) => this.qnameAwareAttrs!.has(k));
      if (found.length) {
        qattrs = new Set(found.map(([k]) => k));
        for (const [, value] of found) {
          if (PREFIXED_NAME.test(value)) {
            const q = this.resolvePrefixName(value);
            resolved.set(value, q);
            qnames.add(q);
          }
        }
      }
    }
    // prefixes are assigned in the order of the names' URIs
    const parsed = new Map<string, [string, string, string]>();
    const split = (n: string): string[] => {
      const at = n.indexOf("}");
      return at < 0 ? [n] : [n.slice(0, at), n.slice(at + 1)];
    };
    for (const n of [...qnames].sort((a, b) => compareParts(split(a), split(b)))) parsed.set(n, this.qname(n));
    // namespace declarations in prefix order, then attributes in URI and name order
    const attrList: [string, string][] = scope.map(([uri, prefix]) => [prefix ? `xmlns:${prefix}` : "xmlns", uri] as [string, string]);
    attrList.sort((a, b) => compareParts(a, b));
    attrs.sort((a, b) => compareText(a[0], b[0]));
    for (let [k, v] of attrs) {
      if (qattrs !== null && qattrs.has(k) && resolved.has(v)) v = parsed.get(resolved.get(v)!)![0];
      const [attrQname, attrName, uri] = parsed.get(k)!;
      attrList.push([uri ? attrQname : attrName, v]);
    }
    const space = attrs.find(([k]) => k === `{${XML_NS}}space`)?.[1];
    this.preserveSpace.push(space ? space === "preserve" : this.preserveSpace[this.preserveSpace.length - 1]!);
    this.write("<" + parsed.get(tag)![0]);
    if (attrList.length) this.write(attrList.map(([k, v]) => ` ${k}="${escapeAttribC14n(v)}"`).join(""));
    this.write(">");
    if (qnameText !== null) this.write(escapeCdataC14n(parsed.get(resolved.get(qnameText)!)![0]));
    this.rootSeen = true;
    this.inScope.push([]);
  }

  end(tag: unknown): null {
    if (this.ignoredDepth) {
      this.ignoredDepth--;
      return null;
    }
    if (this.pendingData.length) this.flush();
    this.write(`</${this.qname(String(tag))[0]}>`);
    this.preserveSpace.pop();
    this.rootDone = this.preserveSpace.length === 1;
    this.declared.pop();
    this.inScope.pop();
    return null;
  }

  comment(text: unknown): null {
    if (!this.withComments || this.ignoredDepth) return null;
    this.beforeMarkup();
    this.write(`<!--${escapeCdataC14n(String(text))}-->`);
    if (!this.rootSeen) this.write("\n");
    return null;
  }

  pi(target: unknown, data: unknown): null {
    if (this.ignoredDepth) return null;
    this.beforeMarkup();
    const text = data === null || data === undefined ? "" : String(data);
    this.write(text ? `<?${String(target)} ${escapeCdataC14n(text)}?>` : `<?${String(target)}?>`);
    if (!this.rootSeen) this.write("\n");
    return null;
  }

  /** After the root, a comment or PI goes on a line of its own; inside, pending text first. */
  private beforeMarkup(): void {
    if (this.rootDone) this.write("\n");
    else if (this.rootSeen && this.pendingData.length) this.flush();
  }
}

/** `canonicalize(xml_data=None, *, out=None, from_file=None, **options)`. */
export function makeCanonicalize(parseInto: (source: unknown, parser: unknown) => unknown, newParser: (target: unknown) => unknown) {
  return function canonicalize(...args: unknown[]): unknown {
    const [pos, kws] = splitKw(args);
    const options = { ...kws };
    const xmlData = pos[0] ?? options["xml_data"] ?? null;
    const out = options["out"] ?? null;
    const fromFile = options["from_file"] ?? null;
    delete options["xml_data"];
    delete options["out"];
    delete options["from_file"];
    if (xmlData === null && fromFile === null) throw new ValueError("Either 'xml_data' or 'from_file' must be provided as input");
    const sink = out === null ? new StringIO() : out;
    const write = callMethod.bind(null, sink, "write") as (text: unknown) => unknown;
    const parser = newParser(new C14NWriterTarget(write, kwOf(options)));
    if (xmlData !== null) {
      callMethod(parser, "feed", xmlData);
      callMethod(parser, "close");
    } else parseInto(fromFile, parser);
    return out === null ? (sink as StringIO).getvalue() : null;
  };
}

