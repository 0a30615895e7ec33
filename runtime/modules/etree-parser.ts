// ElementTree's parsing side: ParseError, TreeBuilder, XMLParser (with a runtime or a Python
// target), XMLPullParser and the event stream iterparse reads.

import { declareDataAttributes } from "../values/declared-attributes.js";
import { hasattr } from "../values/builtin-functions.js";
import { Dict } from "../values/dict.js";
import { PySyntaxError, PyTypeError, ValueError } from "../values/exceptions.js";
import { iterable, PyIterator } from "../values/iteration.js";
import { kw, splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { Comment, Element, ProcessingInstruction } from "./etree-element.js";
import { ExpatError, ExpatParser, type ExpatSink } from "./etree-expat.js";
import { callValue } from "./pycall.js";

const MODULE = "xml.etree.ElementTree";

export class ParseError extends PySyntaxError {
  static override pythonName = "ParseError";
  static readonly __module__ = MODULE;
  code: bigint = 0n;
  position: Tuple = Tuple.of(0n, 0n);
}

export function parseError(e: ExpatError): ParseError {
  const err = new ParseError(e.message);
  err.code = BigInt(e.code);
  err.position = Tuple.of(BigInt(e.line), BigInt(e.column));
  return err;
}

export class TreeBuilder {
  static readonly __module__ = MODULE;
  private chunks: string[] = [];
  private elems: Element[] = [];
  private last: Element | null = null;
  private root: Element | null = null;
  private tail = false;
  private readonly factory: unknown;
  private readonly commentFactory: unknown;
  private readonly piFactory: unknown;
  private readonly insertComments: boolean;
  private readonly insertPis: boolean;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    this.factory = pos[0] ?? kws.element_factory ?? null;
    this.commentFactory = kws.comment_factory ?? null;
    this.piFactory = kws.pi_factory ?? null;
    this.insertComments = truthy(kws.insert_comments ?? false);
    this.insertPis = truthy(kws.insert_pis ?? false);
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    if (this.last !== null) {
      const text = this.chunks.join("");
      if (this.tail) this.last.tail = text;
      else this.last.text = text;
    }
    this.chunks = [];
  }

  start(tag: unknown, attrs: unknown): any {
    this.flush();
    const elem = (this.factory === null ? (attrs instanceof Dict ? Element.adopt(tag, attrs) : new Element(tag, attrs)) : callValue(this.factory, tag, attrs)) as Element;
    this.last = elem;
    if (this.elems.length > 0) callMethod(this.elems[this.elems.length - 1], "append", elem);
    else if (this.root === null) this.root = elem;
    this.elems.push(elem);
    this.tail = false;
    return elem;
  }

  end(_tag: unknown): any {
    this.flush();
    this.last = this.elems.pop() ?? null;
    this.tail = true;
    return this.last!;
  }

  data(text: unknown): null {
    this.chunks.push(String(text));
    return null;
  }

  private single(factory: unknown, fallback: (...a: unknown[]) => Element, insert: boolean, ...args: unknown[]): Element {
    const elem = (factory === null ? fallback(...args) : callValue(factory, ...args)) as Element;
    if (insert) {
      this.flush();
      this.last = elem;
      if (this.elems.length > 0) callMethod(this.elems[this.elems.length - 1], "append", elem);
      this.tail = true;
    }
    return elem;
  }

  comment(text: unknown): Element {
    return this.single(this.commentFactory, Comment, this.insertComments, text);
  }

  pi(target: unknown, text: unknown = null): Element {
    return this.single(this.piFactory, ProcessingInstruction, this.insertPis, target, text);
  }

  close(): any {
    return this.root;
  }
}
type Decoder = InstanceType<typeof TextDecoder>;

/** A decoder for bytes input: the given encoding, else the one the XML declaration names, else UTF-8. */
function decoderFor(data: Uint8Array, encoding: string | null): Decoder {
  let label = encoding;
  if (label === null) {
    const head = Buffer.from(data.subarray(0, 200)).toString("latin1");
    label = /^<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']/u.exec(head)?.[1] ?? "utf-8";
  }
  try {
    return new TextDecoder(label.toLowerCase() === "us-ascii" ? "utf-8" : label);
  } catch {
    throw new ValueError(`multi-byte encodings are not supported`);
  }
}

/** Text from str or bytes input (bytes decoded by the encoding the XML declaration names). */
export function xmlText(data: unknown, encoding: string | null = null): string {
  if (typeof data === "string") return data;
  if (data instanceof Uint8Array) return decoderFor(data, encoding).decode(data).replace(/^\uFEFF/u, "");
  throw new PyTypeError(`a bytes-like object is required, not '${typeName(data)}'`);
}

type EventQueue = Tuple[];

export class XMLParser {
  static readonly __module__ = MODULE;
  static readonly tpName: string = "xml.etree.ElementTree.XMLParser";
  readonly target: unknown;
  readonly version = "Expat 2.5.0";
  readonly entity = new Dict();
  private readonly parser: ExpatParser;
  private readonly encoding: string | null;
  private decoder: Decoder | null = null;
  /** The events an XMLPullParser collects, and which ones. */
  events: { queue: EventQueue; wanted: Set<string> } | null = null;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    if (pos.length > 0) throw new PyTypeError(`XMLParser() takes at most 0 positional arguments (${pos.length} given)`);
    this.target = kws.target ?? new TreeBuilder();
    this.encoding = typeof kws.encoding === "string" ? kws.encoding : null;
    this.parser = new ExpatParser(this.sink());
  }

  private sink(): ExpatSink {
    const target = this.target;
    const builder = target instanceof TreeBuilder ? target : null;
    const has = (name: string): boolean => builder !== null || hasattr(target, name);
    const call = (name: string, ...a: unknown[]): unknown => (builder !== null ? (builder as unknown as Record<string, (...x: unknown[]) => unknown>)[name]!(...a) : callMethod(target, name, ...a));
    const emit = (event: string, value: unknown): void => {
      const ev = this.events;
      if (ev !== null && ev.wanted.has(event)) ev.queue.push(Tuple.of(event, value));
    };
    const [hasStart, hasEnd, hasData, hasComment, hasPi, hasStartNs, hasEndNs] = ["start", "end", "data", "comment", "pi", "start_ns", "end_ns"].map(has);
    return {
      start: (tag, attrs) => {
        const attrib = new Dict(attrs.map(([k, v]) => [k, v] as [unknown, unknown]));
        const r = hasStart ? call("start", tag, attrib) : null;
        emit("start", r);
      },
      end: (tag) => {
        const r = hasEnd ? call("end", tag) : null;
        emit("end", r);
      },
      data: (text) => {
        if (hasData) call("data", text);
      },
      comment: (text) => {
        const r = hasComment ? call("comment", text) : null;
        emit("comment", r);
      },
      pi: (t, d) => {
        const r = hasPi ? call("pi", t, d) : null;
        emit("pi", r);
      },
      startNs: (prefix, uri) => {
        if (hasStartNs && builder === null) call("start_ns", prefix, uri);
        emit("start-ns", Tuple.of(prefix, uri));
      },
      endNs: (prefix) => {
        if (hasEndNs && builder === null) call("end_ns", prefix);
        emit("end-ns", null);
      },
    };
  }

  private run(data: string, final: boolean): void {
    try {
      this.parser.feed(data, final);
    } catch (e) {
      if (e instanceof ExpatError) throw parseError(e);
      throw e;
    }
  }

  feed(data: unknown): null {
    if (data instanceof Uint8Array) {
      // Bytes fed in pieces: one decoder, so a character split between two feeds stays whole.
      this.decoder ??= decoderFor(data, this.encoding);
      this.run(this.decoder.decode(data, { stream: true }).replace(/^\uFEFF/u, ""), false);
    } else {
      this.run(xmlText(data, this.encoding), false);
    }
    return null;
  }

  close(): any {
    this.run("", true);
    if (this.target instanceof TreeBuilder) return this.target.close();
    return hasattr(this.target, "close") ? callMethod(this.target, "close") : null;
  }
}

// (XMLParser's entity and target are read-only members of CPython's C parser, version a getset)
declareDataAttributes(XMLParser, "member", "entity target");
declareDataAttributes(XMLParser, "getset", "version");

const EVENTS = new Set(["start", "end", "start-ns", "end-ns", "comment", "pi"]);

export class XMLPullParser {
  static readonly __module__ = MODULE;
  private readonly parser: XMLParser;
  private readonly queue: EventQueue = [];
  private closed = false;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const events = pos[0] ?? kws.events ?? null;
    const parser = kws._parser ?? null;
    this.parser = parser instanceof XMLParser ? parser : new XMLParser(kw({ target: new TreeBuilder() }));
    const wanted = new Set<string>();
    for (const e of events === null ? ["end"] : iterable(events)) {
      if (!EVENTS.has(e as string)) throw new ValueError(`unknown event '${String(e)}'`);
      wanted.add(e as string);
    }
    this.parser.events = { queue: this.queue, wanted };
  }

  feed(data: unknown): null {
    if (this.closed) throw new ValueError("feed() called after end of stream");
    try {
      this.parser.feed(data);
    } catch (e) {
      if (e instanceof ParseError) this.queue.push(e as unknown as Tuple);
      else throw e;
    }
    return null;
  }

  close(): any {
    this.closed = true;
    try {
      return this.parser.close();
    } catch (e) {
      if (e instanceof ParseError) this.queue.push(e as unknown as Tuple);
      else throw e;
      return null;
    }
  }

  /** Takes the events queued so far (raising a queued ParseError when reached). */
  *drain(): Generator<Tuple> {
    while (this.queue.length > 0) {
      const event = this.queue.shift()!;
      if (event instanceof ParseError) throw event;
      yield event;
    }
  }

  read_events(): PyIterator<any> {
    return new PyIterator(this.drain());
  }

}
