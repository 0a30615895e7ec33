// xml.etree.ElementTree's Element (the C accelerator's behaviour and messages), SubElement,
// Comment, ProcessingInstruction and QName.

import { declareDataAttributes } from "../values/declared-attributes.js";
import { Dict } from "../values/dict.js";
import { IndexError, PyTypeError, ValueError } from "../values/exceptions.js";
import { iterable, PyIterator } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { NotImplemented } from "../values/singletons.js";
import { addressOf, repr } from "../values/repr.js";
import { asIndex, normalizeIndex, Slice } from "../values/slice.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { pyClass } from "./callable-class.js";
import { elementPath } from "./etree-path.js";

const MODULE = "xml.etree.ElementTree";

function checkAttrib(attrib: unknown, where = "Element() argument 2"): Dict {
  if (!(attrib instanceof Dict)) throw new PyTypeError(`${where} must be dict, not ${typeName(attrib)}`);
  return attrib;
}

function checkElement(x: unknown, method: string): Element {
  if (!(x instanceof Element)) throw new PyTypeError(`${method}() argument must be ${MODULE}.Element, not ${typeName(x)}`);
  return x;
}

/** The `(args, keywords)` of an Element-like constructor: tag, attrib={}, **extra. */
function attribOf(attrib: unknown, extra: Record<string, unknown>, where?: string): Dict {
  const out = new Dict(checkAttrib(attrib, where).entries());
  for (const key of Object.keys(extra)) out.set(key, extra[key]);
  return out;
}

/** `Element(tag, attrib={...}, **extra)`: without a positional attrib, an `attrib` keyword is the dict. */
function keywordAttrib(kws: Record<string, unknown>): Dict {
  if (!("attrib" in kws)) return attribOf(new Dict(), kws);
  const { attrib, ...extra } = kws;
  return attribOf(attrib, extra, "attrib");
}

/** The attrib a TreeBuilder hands over (the C accelerator keeps the parser's dict, no copy). */
let adopting: Dict | null = null;

export class Element {
  static readonly tpName: string = "xml.etree.ElementTree.Element";
  static readonly __module__ = MODULE;
  tag: any;
  attrib: Dict<any, any>;
  text: any = null;
  tail: any = null;
  /** The children, in order (CPython's `_children`). */
  children: Element[] = [];

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    if (pos.length < 1) throw new PyTypeError("Element() missing required argument 'tag' (pos 1)");
    if (pos.length > 2) throw new PyTypeError(`Element() takes at most 2 arguments (${pos.length} given)`);
    this.tag = pos[0];
    this.attrib = adopting ?? (pos.length > 1 ? attribOf(pos[1], kws) : keywordAttrib(kws));
  }

  /** An element holding `attrib` itself (TreeBuilder's default factory). */
  static adopt(tag: unknown, attrib: Dict): Element {
    adopting = attrib;
    try {
      return new Element(tag);
    } finally {
      adopting = null;
    }
  }

  __repr__(): string {
    return `<Element ${repr(this.tag)} at ${addressOf(this)}>`;
  }

  __len__(): bigint {
    return BigInt(this.children.length);
  }

  __bool__(): boolean {
    return this.children.length !== 0;
  }

  __iter__(): PyIterator<any> {
    const children = this.children;
    let i = 0;
    const next = (): IteratorResult<Element> => (i < children.length ? { done: false, value: children[i++]! } : { done: true, value: undefined });
    return new PyIterator<Element>({ next });
  }

  [Symbol.iterator](): Iterator<any> {
    return this.__iter__();
  }

  __getitem__(key: unknown): any {
    if (key instanceof Slice) return key.positions(this.children.length).map((i) => this.children[i]!);
    const index = asIndex(key);
    if (index === undefined) throw new PyTypeError(`element indices must be integers`);
    const at = normalizeIndex(index, this.children.length);
    if (at === undefined) throw new IndexError("child index out of range");
    return this.children[at]!;
  }

  __setitem__(key: unknown, value: unknown): void {
    if (key instanceof Slice) {
      const items = [...iterable(value)].map((e) => checkElement(e, "assignment"));
      const [start, stop, step] = key.resolve(this.children.length);
      if (step === 1) {
        this.children.splice(start, Math.max(0, stop - start), ...items);
        return;
      }
      const positions = key.positions(this.children.length);
      if (positions.length !== items.length) throw new ValueError(`attempt to assign sequence of size ${items.length} to extended slice of size ${positions.length}`);
      positions.forEach((p, i) => (this.children[p] = items[i]!));
      return;
    }
    const index = asIndex(key);
    if (index === undefined) throw new PyTypeError(`element indices must be integers`);
    const at = normalizeIndex(index, this.children.length);
    if (at === undefined) throw new IndexError("child assignment index out of range");
    this.children[at] = checkElement(value, "__setitem__");
  }

  __delitem__(key: unknown): void {
    if (key instanceof Slice) {
      const drop = new Set(key.positions(this.children.length));
      this.children = this.children.filter((_, i) => !drop.has(i));
      return;
    }
    const index = asIndex(key);
    if (index === undefined) throw new PyTypeError(`element indices must be integers`);
    const at = normalizeIndex(index, this.children.length);
    if (at === undefined) throw new IndexError("child index out of range");
    this.children.splice(at, 1);
  }

  append(subelement: unknown): null {
    this.children.push(checkElement(subelement, "append"));
    return null;
  }

  extend(elements: unknown): null {
    for (const e of iterable(elements)) {
      if (!(e instanceof Element)) throw new PyTypeError(`expected an Element, not "${typeName(e)}"`);
      this.children.push(e);
    }
    return null;
  }

  insert(index: unknown, subelement: unknown): null {
    const i = asIndex(index);
    if (i === undefined) throw new PyTypeError(`'${typeName(index)}' object cannot be interpreted as an integer`);
    const n = this.children.length;
    let at = Number(i);
    if (at < 0) at = Math.max(0, at + n);
    if (!(subelement instanceof Element)) throw new PyTypeError(`insert() argument 2 must be ${MODULE}.Element, not ${typeName(subelement)}`);
    this.children.splice(Math.min(at, n), 0, subelement);
    return null;
  }

  remove(subelement: unknown): null {
    checkElement(subelement, "remove");
    const at = this.children.indexOf(subelement as Element);
    if (at < 0) throw new ValueError("list.remove(x): x not in list");
    this.children.splice(at, 1);
    return null;
  }

  clear(): null {
    this.attrib = new Dict();
    this.children = [];
    this.text = null;
    this.tail = null;
    return null;
  }

  get(...args: unknown[]): any {
    const [pos, kws] = splitKw(args);
    const key = "key" in kws ? kws.key : pos[0];
    const value = this.attrib.get(key);
    if (value !== undefined) return value;
    return "default" in kws ? kws.default : pos.length > 1 ? pos[1] : null;
  }

  set(key: unknown, value: unknown): null {
    this.attrib.set(key, value);
    return null;
  }

  keys(): any[] {
    return [...this.attrib.keys()];
  }

  items(): Tuple[] {
    return [...this.attrib.entries()].map(([k, v]) => Tuple.of(k, v));
  }

  makeelement(tag: unknown, attrib: unknown): Element {
    return new Element(tag, new Dict(checkAttrib(attrib).entries()));
  }

  __copy__(): Element {
    const e = new Element(this.tag, this.attrib);
    e.text = this.text;
    e.tail = this.tail;
    e.children = this.children.slice();
    return e;
  }

  __deepcopy__(_memo: unknown = null): Element {
    const e = new Element(this.tag, this.attrib);
    e.text = this.text;
    e.tail = this.tail;
    e.children = this.children.map((c) => c.__deepcopy__());
    return e;
  }

  /** The element and its descendants in document order, those whose tag is `tag` if given. */
  *walk(tag: unknown): Generator<Element> {
    if (tag === null || this.tag === tag) yield this;
    const children = this.children;
    for (let i = 0; i < children.length; i++) yield* children[i]!.walk(tag);
  }

  iter(...args: unknown[]): PyIterator<any> {
    const [pos, kws] = splitKw(args);
    let tag = "tag" in kws ? kws.tag : pos.length > 0 ? pos[0] : null;
    if (tag === "*") tag = null;
    if (tag !== null && typeof tag !== "string") tag = tag ?? null;
    return new PyIterator(this.walk(tag));
  }

  *texts(): Generator<string> {
    if (typeof this.tag !== "string" && this.tag !== null) return;
    if (typeof this.text === "string" && this.text !== "") yield this.text;
    for (const e of this.children) {
      yield* e.texts();
      if (typeof e.tail === "string" && e.tail !== "") yield e.tail;
    }
  }

  itertext(): PyIterator<string> {
    return new PyIterator(this.texts());
  }

  find(...args: unknown[]): any {
    const [path, namespaces] = pathArgs(args, "find");
    return elementPath.find(this, path, namespaces);
  }

  findall(...args: unknown[]): any[] {
    const [path, namespaces] = pathArgs(args, "findall");
    return elementPath.findall(this, path, namespaces);
  }

  findtext(...args: unknown[]): any {
    const [pos, kws] = splitKw(args);
    const path = "path" in kws ? kws.path : pos[0];
    const fallback = "default" in kws ? kws.default : pos.length > 1 ? pos[1] : null;
    const namespaces = "namespaces" in kws ? kws.namespaces : pos.length > 2 ? pos[2] : null;
    if (path === undefined) throw new PyTypeError("findtext() missing required argument 'path' (pos 1)");
    return elementPath.findtext(this, checkPath(path), fallback, namespaces as Dict | null);
  }

  iterfind(...args: unknown[]): PyIterator<any> {
    const [path, namespaces] = pathArgs(args, "iterfind");
    return new PyIterator(elementPath.iterfind(this, path, namespaces)[Symbol.iterator]());
  }
}

function checkPath(path: unknown): string {
  if (typeof path !== "string") throw new PyTypeError(`expected str, got ${typeName(path)}`);
  return path;
}

function pathArgs(args: unknown[], name: string): [string, Dict | null] {
  const [pos, kws] = splitKw(args);
  const path = "path" in kws ? kws.path : pos[0];
  if (path === undefined) throw new PyTypeError(`${name}() missing required argument 'path' (pos 1)`);
  const namespaces = "namespaces" in kws ? kws.namespaces : pos.length > 1 ? pos[1] : null;
  return [checkPath(path), (namespaces ?? null) as Dict | null];
}

export const ElementClass = pyClass(Element);

/** `SubElement(parent, tag, attrib={}, **extra)`. */
export function SubElement(...args: unknown[]): Element {
  const [pos, kws] = splitKw(args);
  if (pos.length < 2) throw new PyTypeError(`SubElement() takes at least 2 arguments (${pos.length} given)`);
  const parent = pos[0];
  if (!(parent instanceof Element)) throw new PyTypeError(`SubElement() argument 1 must be ${MODULE}.Element, not ${typeName(parent)}`);
  const attrib = pos.length > 2 ? pos[2] : "attrib" in kws ? kws.attrib : new Dict();
  delete kws.attrib;
  const e = new Element(pos[1], attribOf(attrib, kws, "SubElement() argument 3"));
  parent.children.push(e);
  return e;
}

/** `Comment(text=None)`: an element whose tag is the Comment function itself. */
export function Comment(text: unknown = null): Element {
  const e = new Element(Comment);
  e.text = text;
  return e;
}

/** `ProcessingInstruction(target, text=None)` (alias PI). */
export function ProcessingInstruction(target: unknown, text: unknown = null): Element {
  const e = new Element(ProcessingInstruction);
  e.text = target;
  if (text !== null && text !== undefined && text !== "") e.text = `${String(target)} ${String(text)}`;
  return e;
}

export function iselement(x: unknown): boolean {
  return typeof x === "object" && x !== null && "tag" in x;
}

/** `QName(text_or_uri_or_element, tag=None)`: a `{uri}local` name. */
export class QName {
  static readonly __module__ = MODULE;
  readonly text: string;
  constructor(textOrUri: unknown, tag: unknown = null) {
    let text = textOrUri instanceof Element ? textOrUri.tag : textOrUri;
    if (tag !== null) text = `{${String(text)}}${String(tag)}`;
    this.text = String(text);
  }
  __str__(): string {
    return this.text;
  }
  __repr__(): string {
    return `<QName ${repr(this.text)}>`;
  }
  __hash__(): bigint {
    let h = 0n;
    for (const c of this.text) h = (h * 31n + BigInt(c.codePointAt(0)!)) & 0xffffffffffffn;
    return h;
  }
  __eq__(other: unknown): unknown {
    if (other instanceof QName) return this.text === other.text;
    return typeof other === "string" ? this.text === other : NotImplemented;
  }
}

export function isElementTag(tag: unknown): boolean {
  return tag !== Comment && tag !== ProcessingInstruction;
}

// (`Element.tag` and the others are getset descriptors of CPython's C Element)
declareDataAttributes(Element, "getset", "tag attrib text tail", true);
