// ElementTree's serialisers (Lib/xml/etree/ElementTree.py 3.11): the "xml", "html" and "text"
// methods, the namespace prefixes (_namespaces, register_namespace) and the escaping.

import { PySet } from "../values/set.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { repr } from "../values/repr.js";
import { typeName } from "../values/typename.js";
import { Comment, Element, ProcessingInstruction, QName } from "./etree-element.js";

/** uri -> prefix, as `_namespace_map` (register_namespace adds to it). */
export const namespaceMap = new Map<string, string>([
  ["http://www.w3.org/XML/1998/namespace", "xml"],
  ["http://www.w3.org/1999/xhtml", "html"],
  ["http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"],
  ["http://schemas.xmlsoap.org/wsdl/", "wsdl"],
  ["http://www.w3.org/2001/XMLSchema", "xs"],
  ["http://www.w3.org/2001/XMLSchema-instance", "xsi"],
  ["http://purl.org/dc/elements/1.1/", "dc"],
]);

export function register_namespace(prefix: unknown, uri: unknown): null {
  if (typeof prefix !== "string" || typeof uri !== "string") throw new PyTypeError(`expected string or bytes-like object, got '${typeName(typeof prefix !== "string" ? prefix : uri)}'`);
  if (/^ns\d+$/u.test(prefix)) throw new ValueError("Prefix format reserved for internal use");
  for (const [k, v] of [...namespaceMap]) if (k === uri || v === prefix) namespaceMap.delete(k);
  namespaceMap.set(uri, prefix);
  return null;
}

function serializationError(x: unknown): never {
  throw new PyTypeError(`cannot serialize ${repr(x)} (type ${typeName(x)})`);
}

function escapeCdata(text: unknown): string {
  if (typeof text !== "string") serializationError(text);
  if (!/[&<>]/u.test(text)) return text;
  return text.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;");
}

function escapeAttrib(text: unknown): string {
  if (typeof text !== "string") serializationError(text);
  if (!/[&<>"\r\n\t]/u.test(text)) return text;
  return text.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;").replace(/"/gu, "&quot;").replace(/\r/gu, "&#13;").replace(/\n/gu, "&#10;").replace(/\t/gu, "&#09;");
}

function escapeAttribHtml(text: unknown): string {
  if (typeof text !== "string") serializationError(text);
  return text.replace(/&/gu, "&amp;").replace(/>/gu, "&gt;").replace(/"/gu, "&quot;");
}

type QNames = Map<string, string>;
type Namespaces = Map<string, string>;

const qtext = (x: unknown): unknown => (x instanceof QName ? x.text : x);

/** `_namespaces(elem, default_namespace)`: the written name of every name, and the prefixes. */
function namespacesOf(root: Element, defaultNamespace: unknown): [QNames, Namespaces] {
  const qnames: QNames = new Map();
  const namespaces: Namespaces = new Map();
  const dflt = typeof defaultNamespace === "string" && defaultNamespace !== "" ? defaultNamespace : null;
  if (dflt !== null) namespaces.set(dflt, "");
  const add = (qname: unknown): void => {
    if (typeof qname !== "string") serializationError(qname);
    if (qname.startsWith("{")) {
      const close = qname.lastIndexOf("}");
      if (close < 0) throw new ValueError("not enough values to unpack (expected 2, got 1)");
      const uri = qname.slice(1, close);
      const tag = qname.slice(close + 1);
      let prefix = namespaces.get(uri);
      if (prefix === undefined) {
        prefix = namespaceMap.get(uri) ?? `ns${namespaces.size}`;
        if (prefix !== "xml") namespaces.set(uri, prefix);
      }
      qnames.set(qname, prefix ? `${prefix}:${tag}` : tag);
    } else {
      if (dflt !== null) throw new ValueError("cannot use non-qualified names with default_namespace option");
      qnames.set(qname, qname);
    }
  };
  for (const elem of root.walk(null)) {
    const tag = qtext(elem.tag);
    if (typeof tag === "string") {
      if (!qnames.has(tag)) add(tag);
    } else if (tag !== null && tag !== Comment && tag !== ProcessingInstruction) {
      serializationError(tag);
    }
    for (const [k, v] of elem.attrib.entries()) {
      const key = qtext(k);
      if (typeof key !== "string" || !qnames.has(key)) add(key);
      if (v instanceof QName && !qnames.has(v.text)) add(v.text);
    }
    if (elem.text instanceof QName && !qnames.has(elem.text.text)) add(elem.text.text);
  }
  return [qnames, namespaces];
}

function writeNamespaces(out: string[], namespaces: Namespaces, escape: (t: unknown) => string): void {
  const sorted = [...namespaces].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  for (const [uri, prefix] of sorted) out.push(` xmlns${prefix ? ":" + prefix : ""}="${escape(uri)}"`);
}

function serializeXml(out: string[], elem: Element, qnames: QNames, namespaces: Namespaces | null, short: boolean): void {
  const tag = elem.tag;
  const text = elem.text;
  if (tag === Comment) out.push(`<!--${String(text)}-->`);
  else if (tag === ProcessingInstruction) out.push(`<?${String(text)}?>`);
  else {
    const name = tag === null ? null : qnames.get(qtext(tag) as string)!;
    if (name === null) {
      if (text) out.push(escapeCdata(text));
      for (const e of elem.children) serializeXml(out, e, qnames, null, short);
    } else {
      out.push("<" + name);
      if (namespaces !== null && namespaces.size > 0) writeNamespaces(out, namespaces, escapeAttrib);
      for (const [k, v] of elem.attrib.entries()) {
        const value = v instanceof QName ? qnames.get(v.text)! : escapeAttrib(v);
        out.push(` ${qnames.get(qtext(k) as string)!}="${value}"`);
      }
      if (text || elem.children.length > 0 || !short) {
        out.push(">");
        if (text) out.push(escapeCdata(text));
        for (const e of elem.children) serializeXml(out, e, qnames, null, short);
        out.push(`</${name}>`);
      } else {
        out.push(" />");
      }
    }
  }
  if (elem.tail) out.push(escapeCdata(elem.tail));
}

/** The module's HTML_EMPTY set (a program may change it: the html serialiser reads it, as CPython's). */
export const HTML_EMPTY = PySet.of<unknown>("area", "base", "basefont", "br", "col", "embed", "frame", "hr", "img", "input", "isindex", "link", "meta", "param", "source", "track", "wbr");

function serializeHtml(out: string[], elem: Element, qnames: QNames, namespaces: Namespaces | null): void {
  const tag = elem.tag;
  const text = elem.text;
  if (tag === Comment) out.push(`<!--${escapeCdata(text)}-->`);
  else if (tag === ProcessingInstruction) out.push(`<?${escapeCdata(text)}?>`);
  else {
    const name = tag === null ? null : qnames.get(qtext(tag) as string)!;
    if (name === null) {
      if (text) out.push(escapeCdata(text));
      for (const e of elem.children) serializeHtml(out, e, qnames, null);
    } else {
      out.push("<" + name);
      if (namespaces !== null && namespaces.size > 0) writeNamespaces(out, namespaces, escapeAttrib);
      for (const [k, v] of elem.attrib.entries()) {
        const value = v instanceof QName ? qnames.get(v.text)! : escapeAttribHtml(v);
        out.push(` ${qnames.get(qtext(k) as string)!}="${value}"`);
      }
      out.push(">");
      const ltag = name.toLowerCase();
      if (text) out.push(ltag === "script" || ltag === "style" ? String(text) : escapeCdata(text));
      for (const e of elem.children) serializeHtml(out, e, qnames, null);
      if (!HTML_EMPTY.has(ltag)) out.push(`</${name}>`);
    }
  }
  if (elem.tail) out.push(escapeCdata(elem.tail));
}

function serializeText(out: string[], elem: Element): void {
  for (const part of elem.texts()) out.push(part);
  if (elem.tail) out.push(String(elem.tail));
}

export interface SerializeOptions {
  method: string;
  defaultNamespace: unknown;
  shortEmptyElements: boolean;
}

/** The pieces of `root` serialised by `method` as CPython writes them (no XML declaration). */
export function serialize(root: Element, options: SerializeOptions): string[] {
  const out: string[] = [];
  if (options.method === "text") serializeText(out, root);
  else {
    const [qnames, namespaces] = namespacesOf(root, options.defaultNamespace);
    if (options.method === "html") serializeHtml(out, root, qnames, namespaces);
    else serializeXml(out, root, qnames, namespaces, options.shortEmptyElements);
  }
  return out;
}

/** ElementTree's `indent(tree, space="  ", level=0)` on the root element. */
export function indentTree(tree: Element, space: string, level: number): void {
  if (level < 0) throw new ValueError(`Initial indentation level must be >= 0, got ${level}`);
  if (tree.children.length === 0) return;
  const indentations = ["\n" + space.repeat(level)];
  const blank = (s: unknown): boolean => !s || (typeof s === "string" && s.trim() === "");
  const indentChildren = (elem: Element, lvl: number): void => {
    const childLevel = lvl + 1;
    if (indentations.length <= childLevel) indentations.push(indentations[lvl]! + space);
    const childIndentation = indentations[childLevel]!;
    if (blank(elem.text)) elem.text = childIndentation;
    let child: Element | null = null;
    for (child of elem.children) {
      if (child.children.length > 0) indentChildren(child, childLevel);
      if (blank(child.tail)) child.tail = childIndentation;
    }
    if (child !== null && blank(child.tail)) child.tail = indentations[lvl]!;
  };
  indentChildren(tree, 0);
}
