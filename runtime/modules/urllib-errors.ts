// `urllib.error`: URLError (an OSError whose reason is the cause), HTTPError (also a response:
// CPython's carries the response it was made from, `fp`, and reads the body through it) and
// ContentTooShortError (urlretrieve's short download).

import { declareDataAttributes } from "../values/declared-attributes.js";
import { Bytes } from "../values/bytes.js";
import { ConnectionRefusedError, ConnectionResetError, OSError, TimeoutError } from "../values/exceptions.js";
import { callMethod } from "../values/methods.js";
import { str } from "../values/repr.js";
import { isNone } from "./callable-class.js";

export class URLError extends OSError {
  static override pythonName = "URLError";
  static __module__ = "urllib.error";
  readonly reason: unknown;
  constructor(reason: unknown, filename: unknown = null) {
    super(reason);
    this.reason = reason;
    if (!isNone(filename)) (this as { filename: unknown }).filename = filename;
  }
  __str__(): string {
    return `<urlopen error ${reasonText(this.reason)}>`;
  }
}

function readThroughFp(this: HTTPError, ...args: unknown[]): unknown {
  if (this.fp instanceof Uint8Array) {
    if (this.consumed) return new Bytes(0);
    this.consumed = true;
    return this.fp;
  }
  if (isNone(this.fp)) return new Bytes(0);
  return callMethod(this.fp, "read", ...args);
}

/** An HTTP status >= 400. Like CPython's, it is also a response: read() gives the body. */
export class HTTPError extends URLError {
  static override pythonName = "HTTPError";
  static override __module__ = "urllib.error";
  readonly code: unknown;
  readonly msg: unknown;
  readonly hdrs: unknown;
  readonly url: unknown;
  /** the response the error was made from (None when there was none) */
  readonly fp: unknown;

  constructor(url: unknown, code: unknown, msg: unknown, hdrs: unknown, fp: unknown = null) {
    super(msg);
    this.url = url;
    this.code = code;
    this.msg = msg;
    this.hdrs = hdrs;
    this.fp = fp;
    // (CPython's HTTPError is also a response file: its filename is the URL)
    (this as { filename: unknown }).filename = url;
    Object.defineProperty(this, "read", { value: readThroughFp, writable: true, configurable: true });
  }
  get headers(): unknown {
    return this.hdrs;
  }
  get status(): unknown {
    return this.code;
  }
  getcode(): unknown {
    return this.code;
  }
  geturl(): unknown {
    return this.url;
  }
  info(): unknown {
    return this.hdrs;
  }
  /** The body read through `fp` (an instance attribute: CPython's reaches the file's read through __getattr__). */
  declare read: (...args: unknown[]) => unknown;
  /** (a body given as bytes is read once) */
  consumed = false;
  close(): null {
    if (!isNone(this.fp) && !(this.fp instanceof Uint8Array)) callMethod(this.fp, "close");
    return null;
  }
  __enter__(): this {
    return this;
  }
  __exit__(..._exc: unknown[]): null {
    return this.close();
  }
  override __str__(): string {
    return `HTTP Error ${str(this.code)}: ${str(this.msg)}`;
  }
  __repr__(): string {
    return `<HTTPError ${str(this.code)}: '${str(this.msg)}'>`;
  }
}

/** urlretrieve's download ended before its Content-Length. */
export class ContentTooShortError extends URLError {
  static override pythonName = "ContentTooShortError";
  static override __module__ = "urllib.error";
  readonly content: unknown;
  constructor(message: unknown, content: unknown) {
    super(message);
    this.content = content;
  }
}

function reasonText(reason: unknown): string {
  if (reason instanceof OSError && reason.args.length >= 2) {
    return `[Errno ${str(reason.errno)}] ${str(reason.strerror)}`;
  }
  return str(reason);
}

/** A Node network error code as the OSError CPython would have raised for it (Linux errno). */
export function osErrorFor(code: string, message: string): OSError {
  switch (code) {
    case "ECONNREFUSED": return new ConnectionRefusedError(111n, "Connection refused");
    case "ECONNRESET": return new ConnectionResetError(104n, "Connection reset by peer");
    case "EHOSTUNREACH": return new OSError(113n, "No route to host");
    case "ENETUNREACH": return new OSError(101n, "Network is unreachable");
    case "ETIMEDOUT": return new TimeoutError(110n, "Connection timed out");
    case "ENOTFOUND": return new OSError(-2n, "Name or service not known");
    case "EAI_AGAIN": return new OSError(-3n, "Temporary failure in name resolution");
    case "PYTS_TIMEOUT": return new TimeoutError("timed out");
    default: return new OSError(message);
  }
}

// (`HTTPError.reason`: a property of the class, the message)
declareDataAttributes(HTTPError, "property", "reason");
