// xml.dom.minidom, the part programs use to read and pretty-print documents (Lib/xml/dom/minidom.py
// 3.11): parseString/parse build Document, Element, Text, Comment and ProcessingInstruction nodes
// from the same expat-like parser ElementTree uses; writexml/toxml/toprettyxml write them as
// CPython does (one text child stays on its element's line, `&<>"` escaped in text and
// attributes, `<?xml version="1.0" ?>` first). Names of the module pyts lacks are compile-time
// errors (star-names.ts).

import { ExpatError, ExpatParser } from "./etree-expat.js";
import { parseError, xmlText } from "./etree-parser.js";
import { etreeModule, readAll } from "./etree.js";
import { splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { encode } from "../values/str-codec.js";
import { addressOf, repr } from "../values/repr.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { declareDataAttributes } from "../values/declared-attributes.js";

const MODULE = "xml.dom.minidom";

/** Writes the `&`, `<`, `"` and `>` of text or an attribute value as references (minidom's _write_data). */
function escapeData(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;").replace(/>/g, "&gt;");
}

type Writer = { write(s: string): void };

/** writexml's writer: a Python file-like object (its `write`), or a collecting string. */
function writerOf(x: unknown): Writer {
  return { write: (s: string) => void callMethod(x, "write", s) };
}

/** The `(indent, addindent, newl)` of writexml, positional or named. */
function layout(args: unknown[], defaults: [string, string, string]): [string, string, string, unknown, unknown] {
  const [pos, kws] = splitKw(args);
  const pick = (i: number, name: string, d: unknown): unknown => (pos.length > i ? pos[i] : name in kws ? kws[name] : d);
  return [String(pick(0, "indent", defaults[0])), String(pick(1, "addindent", defaults[1])), String(pick(2, "newl", defaults[2])), pick(3, "encoding", null), pick(4, "standalone", null)];
}

export abstract class Node {
  static readonly __module__ = MODULE;
  static readonly ELEMENT_NODE = 1n;
  static readonly ATTRIBUTE_NODE = 2n;
  static readonly TEXT_NODE = 3n;
  static readonly CDATA_SECTION_NODE = 4n;
  static readonly PROCESSING_INSTRUCTION_NODE = 7n;
  static readonly COMMENT_NODE = 8n;
  static readonly DOCUMENT_NODE = 9n;
  parentNode: Node | null = null;
  childNodes: Node[] = [];
  abstract readonly nodeType: bigint;
  abstract readonly nodeName: string;

  get firstChild(): Node | null {
    return this.childNodes[0] ?? null;
  }

  get lastChild(): Node | null {
    return this.childNodes[this.childNodes.length - 1] ?? null;
  }

  get nextSibling(): Node | null {
    const siblings = this.parentNode?.childNodes ?? [];
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }

  get previousSibling(): Node | null {
    const siblings = this.parentNode?.childNodes ?? [];
    const at = siblings.indexOf(this);
    return at > 0 ? siblings[at - 1]! : null;
  }

  get nodeValue(): unknown {
    return null;
  }

  hasChildNodes(): boolean {
    return this.childNodes.length > 0;
  }

  appendChild(node: unknown): Node {
    if (!(node instanceof Node)) throw new PyTypeError(`appendChild() argument must be a node`);
    if (node.parentNode !== null) node.parentNode.removeChild(node);
    this.childNodes.push(node);
    node.parentNode = this;
    return node;
  }

  removeChild(node: unknown): Node {
    const at = this.childNodes.indexOf(node as Node);
    if (at < 0) throw new ValueError("list.remove(x): x not in list");
    this.childNodes.splice(at, 1);
    (node as Node).parentNode = null;
    return node as Node;
  }

  abstract write(w: Writer, indent: string, addindent: string, newl: string): void;

  writexml(writer: unknown, ...args: unknown[]): null {
    const [indent, addindent, newl] = layout(args, ["", "", ""]);
    this.write(writerOf(writer), indent, addindent, newl);
    return null;
  }

  /** `toprettyxml(indent="\t", newl="\n", encoding=None, standalone=None)`: str, or bytes with an encoding. */
  toprettyxml(...args: unknown[]): unknown {
    const [pos, kws] = splitKw(args);
    const pick = (i: number, name: string, d: unknown): unknown => (pos.length > i ? pos[i] : name in kws ? kws[name] : d);
    const indent = String(pick(0, "indent", "\t"));
    const newl = String(pick(1, "newl", "\n"));
    const encoding = pick(2, "encoding", null);
    const standalone = pick(3, "standalone", null);
    let out = "";
    const w: Writer = { write: (s) => void (out += s) };
    if (this instanceof Document) this.writeDocument(w, "", indent, newl, encoding, standalone);
    else this.write(w, "", indent, newl);
    return encoding === null || encoding === undefined ? out : encode(out, String(encoding), "xmlcharrefreplace");
  }

  /** `toxml(encoding=None, standalone=None)`: toprettyxml without indentation or newlines. */
  toxml(...args: unknown[]): unknown {
    const [pos, kws] = splitKw(args);
    const encoding = pos.length > 0 ? pos[0] : (kws.encoding ?? null);
    const standalone = pos.length > 1 ? pos[1] : (kws.standalone ?? null);
    return this.toprettyxml("", "", encoding, standalone);
  }

  /** Elements below this node named `name` (or all, for "*"), in document order. */
  getElementsByTagName(name: unknown): Element[] {
    const found: Element[] = [];
    const walk = (node: Node): void => {
      for (const child of node.childNodes) {
        if (child instanceof Element) {
          if (name === "*" || child.tagName === name) found.push(child);
          walk(child);
        }
      }
    };
    walk(this);
    return found;
  }

  __repr__(): string {
    return `<DOM ${this.constructor.name} node at ${addressOf(this)}>`;
  }
}

export class Element extends Node {
  static readonly tpName: string = "xml.dom.minidom.Element";
  readonly nodeType = Node.ELEMENT_NODE;
  /** Attributes in the order set (minidom's dict keeps insertion order). */
  readonly attrs = new Map<string, string>();

  constructor(readonly tagName: string) {
    super();
  }

  get nodeName(): string {
    return this.tagName;
  }

  get localName(): string {
    return this.tagName.slice(this.tagName.indexOf(":") + 1);
  }

  getAttribute(name: unknown): string {
    return this.attrs.get(String(name)) ?? "";
  }

  setAttribute(name: unknown, value: unknown): null {
    this.attrs.set(String(name), String(value));
    return null;
  }

  hasAttribute(name: unknown): boolean {
    return this.attrs.has(String(name));
  }

  removeAttribute(name: unknown): null {
    if (!this.attrs.delete(String(name))) throw new PyTypeError(`NotFoundErr`);
    return null;
  }

  write(w: Writer, indent: string, addindent: string, newl: string): void {
    w.write(`${indent}<${this.tagName}`);
    for (const [name, value] of this.attrs) w.write(` ${name}="${escapeData(value)}"`);
    if (this.childNodes.length === 0) {
      w.write(`/>${newl}`);
      return;
    }
    w.write(">");
    const only = this.childNodes.length === 1 ? this.childNodes[0]! : null;
    if (only !== null && only instanceof Text) {
      only.write(w, "", "", "");
    } else {
      w.write(newl);
      for (const child of this.childNodes) child.write(w, indent + addindent, addindent, newl);
      w.write(indent);
    }
    w.write(`</${this.tagName}>${newl}`);
  }

  __repr__(): string {
    return `<DOM Element: ${this.tagName} at ${addressOf(this)}>`;
  }
}

export class Text extends Node {
  static readonly tpName: string = "xml.dom.minidom.Text";
  readonly nodeType = Node.TEXT_NODE;
  readonly nodeName = "#text";

  constructor(public data: string) {
    super();
  }

  get nodeValue(): string {
    return this.data;
  }

  write(w: Writer, indent: string, _addindent: string, newl: string): void {
    w.write(escapeData(`${indent}${this.data}${newl}`));
  }

  __repr__(): string {
    return `<DOM Text node "${repr(this.data.slice(0, 10))}${this.data.length > 10 ? "..." : ""}">`;
  }
}

export class Comment extends Node {
  static readonly tpName: string = "xml.dom.minidom.Comment";
  readonly nodeType = Node.COMMENT_NODE;
  readonly nodeName = "#comment";

  constructor(public data: string) {
    super();
  }

  get nodeValue(): string {
    return this.data;
  }

  write(w: Writer, indent: string, _addindent: string, newl: string): void {
    if (this.data.includes("--")) throw new ValueError(`'--' is not allowed in a comment node`);
    w.write(`${indent}<!--${this.data}-->${newl}`);
  }
}

export class ProcessingInstruction extends Node {
  static readonly tpName: string = "xml.dom.minidom.ProcessingInstruction";
  readonly nodeType = Node.PROCESSING_INSTRUCTION_NODE;

  constructor(
    readonly target: string,
    public data: string,
  ) {
    super();
  }

  get nodeName(): string {
    return this.target;
  }

  write(w: Writer, indent: string, _addindent: string, newl: string): void {
    w.write(`${indent}<?${this.target} ${this.data}?>${newl}`);
  }
}

export class Document extends Node {
  static readonly tpName: string = "xml.dom.minidom.Document";
  readonly nodeType = Node.DOCUMENT_NODE;
  readonly nodeName = "#document";

  get documentElement(): Element | null {
    return (this.childNodes.find((n) => n instanceof Element) as Element | undefined) ?? null;
  }

  createElement(tagName: unknown): Element {
    return new Element(String(tagName));
  }

  createTextNode(data: unknown): Text {
    if (typeof data !== "string") throw new PyTypeError("node contents must be a string");
    return new Text(data);
  }

  createComment(data: unknown): Comment {
    return new Comment(String(data));
  }

  createProcessingInstruction(target: unknown, data: unknown): ProcessingInstruction {
    return new ProcessingInstruction(String(target), String(data));
  }

  write(w: Writer, indent: string, addindent: string, newl: string): void {
    this.writeDocument(w, indent, addindent, newl, null, null);
  }

  writexml(writer: unknown, ...args: unknown[]): null {
    const [indent, addindent, newl, encoding, standalone] = layout(args, ["", "", ""]);
    this.writeDocument(writerOf(writer), indent, addindent, newl, encoding, standalone);
    return null;
  }

  writeDocument(w: Writer, indent: string, addindent: string, newl: string, encoding: unknown, standalone: unknown): void {
    const declarations: string[] = [];
    if (encoding !== null && encoding !== undefined && encoding !== "") declarations.push(`encoding="${String(encoding)}"`);
    if (standalone !== null && standalone !== undefined) declarations.push(`standalone="${standalone === true ? "yes" : "no"}"`);
    w.write(`<?xml version="1.0" ${declarations.join(" ")}?>${newl}`);
    for (const node of this.childNodes) node.write(w, indent, addindent, newl);
  }

  unlink(): null {
    return null;
  }

  __repr__(): string {
    return `<xml.dom.minidom.Document object at ${addressOf(this)}>`;
  }
}

/** Builds a Document from XML text (str or bytes), with the parser ElementTree uses. */
function build(text: unknown): Document {
  const doc = new Document();
  let open: Node = doc;
  const parser = new ExpatParser({
    start: (tag, attrs) => {
      const el = new Element(tag);
      for (const [k, v] of attrs) el.attrs.set(k, v);
      open.appendChild(el);
      open = el;
    },
    end: () => {
      open = open.parentNode ?? doc;
    },
    data: (data) => {
      // (expat reports text in pieces: minidom joins adjacent ones into one node)
      const last = open.lastChild;
      if (last instanceof Text) last.data += data;
      else open.appendChild(new Text(data));
    },
    comment: (data) => void open.appendChild(new Comment(data)),
    pi: (target, data) => void open.appendChild(new ProcessingInstruction(target, data)),
    startNs: () => {},
    endNs: () => {},
  });
  try {
    parser.feed(xmlText(text, null), true);
  } catch (e) {
    if (e instanceof ExpatError) throw parseError(e);
    throw e;
  }
  return doc;
}

/** `parseString(string, parser=None)`. */
export function parseString(text: unknown): Document {
  return build(text);
}

/** `parse(file, parser=None, bufsize=None)`: a file name or a file object with `read`. */
export function parse(file: unknown): Document {
  const [text, close] = readAll(file);
  try {
    return build(text);
  } finally {
    close?.();
  }
}

declareDataAttributes(Node, "member", "parentNode childNodes");

export const minidomModule = moduleObject(MODULE, {
  parseString,
  parse,
  Node: pyClass(Node),
  Document: pyClass(Document),
  Element: pyClass(Element as unknown as new (...a: unknown[]) => Element),
  Text: pyClass(Text as unknown as new (...a: unknown[]) => Text),
  Comment: pyClass(Comment as unknown as new (...a: unknown[]) => Comment),
  ProcessingInstruction: pyClass(ProcessingInstruction as unknown as new (...a: unknown[]) => ProcessingInstruction),
});

export const domModule = moduleObject("xml.dom", { minidom: minidomModule });

/** The `xml` package: its `etree` and `dom` subpackages. */
export const xmlModule = moduleObject("xml", { etree: etreeModule, dom: domModule });
