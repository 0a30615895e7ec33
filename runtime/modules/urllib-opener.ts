// urllib.request's OpenerDirector and BaseHandler, as CPython 3.11 has them: a handler is
// registered under every method whose name reads `<protocol>_open`, `<protocol>_request`,
// `<protocol>_response` or `<protocol>_error_<code>` (dir() of the handler, Python subclasses
// included), kept sorted by `handler_order`; open() runs the request processors, the open
// chain (default, then the protocol's, then unknown), and the response processors.
//
// A handler's method may be async (a Python method the lowering made wait for threads, or an
// HTTP exchange while green threads run): the steps run at once while every answer is a plain
// value, and continue as a promise (which the awaited call gives back) from the first that is not.

import { Dict } from "../values/dict.js";
import { PyTypeError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { isThenable } from "../threads/scheduler.js";
import { isNone } from "./callable-class.js";
import { Request } from "./urllib-request-object.js";

/** socket._GLOBAL_DEFAULT_TIMEOUT: "no timeout given" (the socket's default applies). */
export const GLOBAL_DEFAULT_TIMEOUT: object = Object.freeze({ __repr__: () => "<object object>" });

/** Steps that may wait: each yielded value is a thenable, and the step resumes with its outcome. */
export type Flow<T> = Generator<unknown, T, unknown>;

/** Runs the steps at once, or as a promise from their first real wait on. */
export function runFlow<T>(flow: Flow<T>): T {
  const step = flow.next();
  if (step.done) return step.value;
  return finishLater(flow, step.value) as unknown as T;
}

async function finishLater<T>(flow: Flow<T>, first: unknown): Promise<T> {
  let pending = first;
  for (;;) {
    let step: IteratorResult<unknown, T>;
    try {
      const value = await (pending as PromiseLike<unknown>);
      step = flow.next(value);
    } catch (error) {
      step = flow.throw(error);
    }
    if (step.done) return step.value;
    pending = step.value;
  }
}

/** The value, once settled: `yield* settled(x)` inside a flow. */
export function* settled(value: unknown): Flow<unknown> {
  return isThenable(value) ? yield value : value;
}

/** A class attribute that instances read too, which a Python subclass's own attribute hides. */
export function classAttribute(cls: object, name: string, value: unknown): void {
  Object.defineProperty(cls, name, { value, writable: true, configurable: true });
  Object.defineProperty((cls as { prototype: object }).prototype, name, { value, writable: true, configurable: true });
}

export class BaseHandler {
  static pythonName = "BaseHandler";
  static __module__ = "urllib.request";
  declare parent: OpenerDirector;
  declare static handler_order: bigint;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [attr: string]: any;
  static {
    classAttribute(this, "handler_order", 500n);
  }

  add_parent(parent: unknown): null {
    this.parent = parent as OpenerDirector;
    return null;
  }
  close(): null {
    return null;
  }
  __lt__(other: unknown): boolean {
    if (typeof other !== "object" || other === null || !("handler_order" in other)) return true;
    return (this["handler_order"] as bigint) < ((other as { handler_order: bigint }).handler_order);
  }
}

/** The names dir() lists for a handler: its attributes and its classes' methods. */
function attributeNames(obj: object): string[] {
  const names = new Set<string>(Object.keys(obj));
  for (let proto = Object.getPrototypeOf(obj) as object | null; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const name of Object.getOwnPropertyNames(proto)) if (name !== "constructor") names.add(name);
  }
  return [...names].sort();
}

/** bisect.insort by the handlers' `<`. */
function insort(list: unknown[], handler: unknown): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (truthy(callMethod(handler, "__lt__", list[mid]))) hi = mid;
    else lo = mid + 1;
  }
  list.splice(lo, 0, handler);
}

function chainOf(table: Dict<unknown, unknown[]>, kind: unknown): unknown[] {
  let list = table.get(kind);
  if (list === undefined) table.set(kind, (list = []));
  return list;
}

export class OpenerDirector {
  static pythonName = "OpenerDirector";
  static __module__ = "urllib.request";
  declare addheaders: unknown[];
  declare handlers: unknown[];
  declare handle_open: Dict<unknown, unknown[]>;
  declare handle_error: Dict<unknown, unknown>;
  declare process_response: Dict<unknown, unknown[]>;
  declare process_request: Dict<unknown, unknown[]>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [attr: string]: any;

  constructor() {
    this.addheaders = [Tuple.of("User-agent", "Python-urllib/3.11")];
    this.handlers = [];
    this.handle_open = new Dict();
    this.handle_error = new Dict();
    this.process_response = new Dict();
    this.process_request = new Dict();
  }

  add_handler(handler: unknown): null {
    if (typeof handler !== "object" || handler === null || !("add_parent" in handler)) {
      throw new PyTypeError(`expected BaseHandler instance, got <class '${typeName(handler)}'>`);
    }
    let added = false;
    for (const meth of attributeNames(handler)) {
      if (meth === "redirect_request" || meth === "do_open" || meth === "proxy_open") continue;
      const i = meth.indexOf("_");
      const protocol = i < 0 ? meth.slice(0, -1) : meth.slice(0, i);
      const condition = meth.slice(i + 1);
      let kind: unknown;
      let lookup: Dict<unknown, unknown[]>;
      if (condition.startsWith("error")) {
        const j = condition.indexOf("_") + i + 1;
        const text = meth.slice(j + 1);
        kind = /^\s*[+-]?\d+\s*$/.test(text) ? BigInt(text.trim()) : text;
        let table = this.handle_error.get(protocol) as Dict<unknown, unknown[]> | undefined;
        if (table === undefined) this.handle_error.set(protocol, (table = new Dict()));
        lookup = table;
      } else if (condition === "open") {
        kind = protocol;
        lookup = this.handle_open;
      } else if (condition === "response") {
        kind = protocol;
        lookup = this.process_response;
      } else if (condition === "request") {
        kind = protocol;
        lookup = this.process_request;
      } else continue;
      const handlers = chainOf(lookup, kind);
      if (handlers.length > 0) insort(handlers, handler);
      else handlers.push(handler);
      added = true;
    }
    if (added) {
      insort(this.handlers, handler);
      callMethod(handler, "add_parent", this);
    }
    return null;
  }

  close(): null {
    return null;
  }

  /** open(fullurl, data=None, timeout=...): the response, through the handlers. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  open(...args: unknown[]): any {
    const [pos, kws] = splitKw(args);
    const fullurl = pos[0] ?? kws["fullurl"];
    const data = pos.length > 1 ? pos[1] : kws["data"] ?? null;
    const timeout = pos.length > 2 ? pos[2] : "timeout" in kws ? kws["timeout"] : GLOBAL_DEFAULT_TIMEOUT;
    return runFlow(this.openSteps(fullurl, data, timeout));
  }

  *openSteps(fullurl: unknown, data: unknown, timeout: unknown): Flow<unknown> {
    let req: unknown;
    if (typeof fullurl === "string") req = new Request(fullurl, data);
    else {
      req = fullurl;
      if (!isNone(data)) (req as Record<string, unknown>)["data"] = data;
    }
    (req as Record<string, unknown>)["timeout"] = timeout;
    const protocol = (req as { type: string }).type;
    for (const processor of this.process_request.get(protocol) ?? []) {
      req = yield* settled(callMethod(processor, `${protocol}_request`, req));
    }
    let response = yield* this.openChains(req);
    for (const processor of this.process_response.get(protocol) ?? []) {
      response = yield* settled(callMethod(processor, `${protocol}_response`, req, response));
    }
    return response;
  }

  private *openChains(req: unknown): Flow<unknown> {
    const first = yield* this.callChain(this.handle_open, "default", "default_open", [req]);
    if (truthy(first)) return first;
    const protocol = (req as { type: string }).type;
    const result = yield* this.callChain(this.handle_open, protocol, `${protocol}_open`, [req]);
    if (truthy(result)) return result;
    return yield* this.callChain(this.handle_open, "unknown", "unknown_open", [req]);
  }

  private *callChain(chain: Dict<unknown, unknown>, kind: unknown, methName: string, args: unknown[]): Flow<unknown> {
    const handlers = (chain.get(kind) ?? []) as unknown[];
    for (const handler of [...handlers]) {
      const result = yield* settled(callMethod(handler, methName, ...args));
      if (!isNone(result)) return result;
    }
    return null;
  }

  /** error(proto, *args): the protocol's error handlers, then (for HTTP) the default one. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  error(proto: unknown, ...args: unknown[]): any {
    return runFlow(this.errorSteps(proto, args));
  }

  *errorSteps(proto: unknown, args: unknown[]): Flow<unknown> {
    if (proto === "http" || proto === "https") {
      const table = (this.handle_error.get("http") ?? new Dict()) as Dict<unknown, unknown>;
      const code = args[2];
      const result = yield* this.callChain(table, code, `http_error_${String(code)}`, args);
      if (truthy(result)) return result;
      return yield* this.callChain(table, "default", "http_error_default", args);
    }
    const result = yield* this.callChain(this.handle_error, proto, `${String(proto)}_error`, args);
    return truthy(result) ? result : null;
  }
}
