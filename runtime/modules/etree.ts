// `xml.etree.ElementTree` (and the `xml`, `xml.etree` packages holding it): ElementTree,
// parse/iterparse/fromstring, tostring/write with CPython's encodings and declarations,
// dump and indent. Elements, paths, parsing and serialising live in the etree-*.ts files.

import { Bytes } from "../values/bytes.js";
import { Dict } from "../values/dict.js";
import { LookupError, PyTypeError, ValueError } from "../values/exceptions.js";
import { getattr, hasattr } from "../values/builtin-functions.js";
import { iterable, PyIterator } from "../values/iteration.js";
import { kw, splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { standardStreams } from "../values/print.js";
import { addressOf } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { open } from "../lang/files.js";
import { pyClass, toInt } from "./callable-class.js";
import { Comment, Element, ElementClass, iselement, ProcessingInstruction, QName, SubElement } from "./etree-element.js";
import { ParseError, TreeBuilder, XMLParser, XMLPullParser, xmlText } from "./etree-parser.js";
import { C14NWriterTarget, makeCanonicalize } from "./etree-c14n.js";
import { HTML_EMPTY, indentTree, register_namespace, serialize } from "./etree-serialize.js";
import { moduleObject } from "./module-object.js";

const MODULE = "xml.etree.ElementTree";

/** The text `str` in `encoding`: characters it cannot hold as `&#n;` (errors="xmlcharrefreplace"). */
function encode(text: string, encoding: string): Bytes {
  const enc = encoding.toLowerCase().replace(/_/gu, "-");
  const refs = (limit: number): Bytes => {
    const codes: number[] = [];
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if (c < limit) codes.push(c);
      else for (const r of `&#${c};`) codes.push(r.charCodeAt(0));
    }
    return Bytes.fromArray(codes);
  };
  if (enc === "utf-8" || enc === "utf8") return Bytes.fromUtf8(text);
  if (/^[\x00-\x7f]*$/u.test(text)) return Bytes.fromLatin1(text);
  if (enc === "us-ascii" || enc === "ascii") return refs(128);
  if (enc === "latin-1" || enc === "iso-8859-1" || enc === "latin1" || enc === "iso8859-1") return refs(256);
  throw new LookupError(`unknown encoding: ${encoding}`);
}

interface WriteOptions {
  encoding: unknown;
  xmlDeclaration: unknown;
  defaultNamespace: unknown;
  method: unknown;
  shortEmptyElements: unknown;
}

/** ElementTree.write's text (declaration and body) and its encoding ("unicode" for str). */
function render(root: Element, o: WriteOptions, declared: (encoding: string) => string): [string, string] {
  const [pieces, encoding] = renderPieces(root, o, declared);
  return [pieces.join(""), encoding];
}

/** The pieces ElementTree.write writes, and the encoding. */
function renderPieces(root: Element, o: WriteOptions, declared: (encoding: string) => string): [string[], string] {
  const method = o.method === null || o.method === undefined || o.method === "" ? "xml" : String(o.method);
  // (CPython 3.11 writes no "c14n" method any more: canonicalize() does; write_c14n raises)
  if (method !== "xml" && method !== "html" && method !== "text") throw new ValueError(`unknown method '${method}'`);
  const encoding = o.encoding === null || o.encoding === undefined || o.encoding === "" ? "us-ascii" : String(o.encoding);
  const declaredEncoding = declared(encoding);
  const pieces: string[] = [];
  const decl = o.xmlDeclaration;
  if (method === "xml" && (truthy(decl ?? false) || ((decl === null || decl === undefined) && encoding.toLowerCase() !== "unicode" && !["utf-8", "us-ascii"].includes(declaredEncoding.toLowerCase())))) {
    pieces.push(`<?xml version='1.0' encoding='${declaredEncoding}'?>\n`);
  }
  const body = serialize(root, { method, defaultNamespace: o.defaultNamespace ?? null, shortEmptyElements: truthy(o.shortEmptyElements ?? true) });
  return [pieces.length === 0 ? body : pieces.concat(body), encoding];
}

function writeOptions(pos: unknown[], kws: Record<string, unknown>, from: number): WriteOptions {
  const get = (name: string, i: number): unknown => (name in kws ? kws[name] : pos.length > from + i ? pos[from + i] : null);
  return { encoding: get("encoding", 0), xmlDeclaration: get("xml_declaration", 1), defaultNamespace: get("default_namespace", 2), method: get("method", 3), shortEmptyElements: "short_empty_elements" in kws ? kws.short_empty_elements : true };
}

export function readAll(source: unknown): [string, (() => void) | null] {
  if (hasattr(source, "read")) return [xmlText(callMethod(source, "read")), null];
  const file = open(source, "rb");
  return [xmlText(callMethod(file, "read")), () => callMethod(file, "close")];
}

function parseSource(source: unknown, parser: unknown): unknown {
  const [text, close] = readAll(source);
  try {
    const p = parser === null || parser === undefined ? new XMLParser() : parser;
    callMethod(p, "feed", text);
    return callMethod(p, "close");
  } finally {
    close?.();
  }
}

export class ElementTree {
  static readonly __module__ = MODULE;
  _root: unknown;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    this._root = pos[0] ?? kws.element ?? null;
    const file = pos[1] ?? kws.file ?? null;
    if (file !== null) this.parse(file);
  }

  getroot(): any {
    return this._root;
  }

  _setroot(element: unknown): null {
    this._root = element;
    return null;
  }

  parse(source: unknown, parser: unknown = null): any {
    this._root = parseSource(source, parser);
    return this._root;
  }

  private root(): Element {
    return this._root as Element;
  }

  iter(...args: unknown[]): any {
    return this.root().iter(...args);
  }

  private static path(path: unknown): unknown {
    return typeof path === "string" && path.startsWith("/") ? "." + path : path;
  }

  find(path: unknown, namespaces: unknown = null): any {
    return this.root().find(ElementTree.path(path), kw({ namespaces }));
  }

  findall(path: unknown, namespaces: unknown = null): any {
    return this.root().findall(ElementTree.path(path), kw({ namespaces }));
  }

  findtext(...args: unknown[]): any {
    const [pos, kws] = splitKw(args);
    return this.root().findtext(ElementTree.path(pos[0] ?? kws.path), kw({ default: pos[1] ?? kws.default ?? null, namespaces: pos[2] ?? kws.namespaces ?? null }));
  }

  iterfind(path: unknown, namespaces: unknown = null): any {
    return this.root().iterfind(ElementTree.path(path), kw({ namespaces }));
  }

  write(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    const target = pos[0] ?? kws.file_or_filename;
    const options = writeOptions(pos, kws, 1);
    if (hasattr(target, "write")) {
      const [text, encoding] = render(this.root(), options, (enc) => (enc.toLowerCase() === "unicode" ? ((getattr(target, "encoding", null) as string | null) ?? "utf-8") : enc));
      callMethod(target, "write", encoding.toLowerCase() === "unicode" ? text : encode(text, encoding));
      return null;
    }
    const [text, encoding] = render(this.root(), options, (enc) => (enc.toLowerCase() === "unicode" ? "utf-8" : enc));
    const file = open(target, "wb");
    try {
      callMethod(file, "write", encode(text, encoding.toLowerCase() === "unicode" ? "utf-8" : encoding));
    } finally {
      callMethod(file, "close");
    }
    return null;
  }

  /** `write_c14n(file)`: write(file, method="c14n"), which 3.11 refuses (canonicalize() writes C14N). */
  write_c14n(file: unknown): null {
    return this.write(file, kw({ method: "c14n" }));
  }

  __repr__(): string {
    return `<${MODULE}.ElementTree object at ${addressOf(this)}>`;
  }
}

function tostringOptions(pos: unknown[], kws: Record<string, unknown>): WriteOptions {
  return {
    encoding: "encoding" in kws ? kws.encoding : pos[1] ?? null,
    method: "method" in kws ? kws.method : pos[2] ?? null,
    xmlDeclaration: kws.xml_declaration ?? null,
    defaultNamespace: kws.default_namespace ?? null,
    shortEmptyElements: "short_empty_elements" in kws ? kws.short_empty_elements : true,
  };
}

function checkedElement(element: unknown): Element {
  if (!(element instanceof Element)) throw new PyTypeError(`'${typeName(element)}' object has no attribute 'iter'`);
  return element;
}

/** `tostring(element, encoding="us-ascii", method="xml", *, xml_declaration, default_namespace, short_empty_elements)`. */
export function tostring(...args: unknown[]): any {
  const [pos, kws] = splitKw(args);
  const [text, encoding] = render(checkedElement(pos[0] ?? kws.element), tostringOptions(pos, kws), (enc) => (enc.toLowerCase() === "unicode" ? "utf-8" : enc));
  return encoding.toLowerCase() === "unicode" ? text : encode(text, encoding);
}

/** `tostringlist(...)`: the pieces as written (str), or the encoded bytes in one piece. */
export function tostringlist(...args: unknown[]): any[] {
  const [pos, kws] = splitKw(args);
  const [pieces, encoding] = renderPieces(checkedElement(pos[0] ?? kws.element), tostringOptions(pos, kws), (enc) => (enc.toLowerCase() === "unicode" ? "utf-8" : enc));
  return encoding.toLowerCase() === "unicode" ? pieces : [encode(pieces.join(""), encoding)];
}

export function fromstring(...args: unknown[]): any {
  const [pos, kws] = splitKw(args);
  const parser = pos[1] ?? kws.parser ?? new XMLParser(kw({ target: new TreeBuilder() }));
  callMethod(parser, "feed", pos[0] ?? kws.text);
  return callMethod(parser, "close");
}

export function fromstringlist(sequence: unknown, parser: unknown = null): any {
  const p = parser ?? new XMLParser(kw({ target: new TreeBuilder() }));
  for (const part of iterable(sequence)) callMethod(p, "feed", part);
  return callMethod(p, "close");
}

/** `XMLID(text)`: the root and a dict of the elements with an `id` attribute, by id. */
export function XMLID(text: unknown, parser: unknown = null): Tuple {
  const tree = fromstring(text, parser) as Element;
  const ids = new Dict();
  for (const elem of tree.walk(null)) {
    const id = elem.attrib.get("id");
    if (id !== undefined) ids.set(id, elem);
  }
  return Tuple.of(tree, ids);
}

export function parse(source: unknown, parser: unknown = null): ElementTree {
  const tree = new ElementTree();
  tree.parse(source, parser);
  return tree;
}

/** `iterparse(source, events=None, parser=None)`: (event, element) pairs as the source is read. */
export function iterparse(...args: unknown[]): PyIterator<any> & { root: any } {
  const [pos, kws] = splitKw(args);
  const source = pos[0] ?? kws.source;
  const events = pos[1] ?? kws.events ?? null;
  const parser = pos[2] ?? kws.parser ?? null;
  const pull = new XMLPullParser(events, kw({ _parser: parser }));
  const result = { root: null as unknown };
  function* run(): Generator<Tuple> {
    const [text, close] = readAll(source);
    try {
      const CHUNK = 16 * 1024;
      for (let i = 0; i < text.length; i += CHUNK) {
        pull.feed(text.slice(i, i + CHUNK));
        yield* pull.drain();
      }
      result.root = pull.close();
      yield* pull.drain();
    } finally {
      close?.();
    }
  }
  const it = new (class IterParseIterator extends PyIterator<Tuple> {
    static override readonly pythonName = "IterParseIterator";
    get root(): any {
      return result.root;
    }
  })(run());
  return it;
}

/** `dump(elem)`: the element (or tree) written to sys.stdout. */
export function dump(elem: unknown): null {
  const tree = elem instanceof ElementTree ? elem : new ElementTree(elem);
  const root = tree.getroot() as Element;
  const [text] = render(root, { encoding: "unicode", xmlDeclaration: null, defaultNamespace: null, method: null, shortEmptyElements: true }, () => "utf-8");
  const tail = root.tail;
  callMethod(standardStreams.stdout, "write", text + (typeof tail === "string" && tail.endsWith("\n") ? "" : "\n"));
  return null;
}

export function indent(...args: unknown[]): null {
  const [pos, kws] = splitKw(args);
  let tree = pos[0] ?? kws.tree;
  const space = pos[1] ?? kws.space ?? "  ";
  const level = pos[2] ?? kws.level ?? 0n;
  if (tree instanceof ElementTree) tree = tree.getroot();
  if (!(tree instanceof Element)) throw new PyTypeError(`object of type '${typeName(tree)}' has no len()`);
  indentTree(tree, String(space), toInt(level));
  return null;
}

/** A function the lowering may call with `new` (a capitalised name reads as a class). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Factory<F extends (...a: any[]) => any> = F & (new (...a: Parameters<F>) => ReturnType<F>);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const factory = <F extends (...a: any[]) => any>(f: F): Factory<F> => f as Factory<F>;

export const elementTreeModule = moduleObject(MODULE, {
  HTML_EMPTY,
  Element: ElementClass,
  SubElement: factory(SubElement),
  ElementTree: pyClass(ElementTree),
  Comment: factory(Comment),
  ProcessingInstruction: factory(ProcessingInstruction),
  PI: factory(ProcessingInstruction),
  QName: pyClass(QName),
  ParseError,
  TreeBuilder: pyClass(TreeBuilder),
  XMLParser: pyClass(XMLParser),
  XMLPullParser: pyClass(XMLPullParser),
  C14NWriterTarget: pyClass(C14NWriterTarget),
  canonicalize: makeCanonicalize(parseSource, (target) => new XMLParser(kw({ target }))),
  VERSION: "1.3.0",
  XML: factory(fromstring),
  XMLID: factory(XMLID),
  dump,
  fromstring,
  fromstringlist,
  indent,
  iselement,
  iterparse,
  parse,
  register_namespace,
  tostring,
  tostringlist,
});

export const etreeModule = moduleObject("xml.etree", { ElementTree: elementTreeModule });
