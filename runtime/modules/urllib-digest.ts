// urllib.request's Digest authentication handlers (RFC 2617 with MD5 or SHA, qop "auth"),
// following CPython 3.11's AbstractDigestAuthHandler: a 401/407 challenge naming Digest is
// answered once per nonce count, and more than five retries give up with HTTPError 401.

import { ValueError } from "../values/exceptions.js";
import { Kwargs } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { repr, str } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { Dict } from "../values/dict.js";
import { nodeModule } from "../core/host.js";
import { isNone } from "./callable-class.js";
import { callValue } from "./pycall.js";
import { urllibParseModule } from "./urllib-parse.js";
import { BaseHandler, classAttribute, runFlow, settled, type Flow } from "./urllib-opener.js";
import { HTTPPasswordMgr } from "./urllib-auth.js";
import { HTTPError, URLError } from "./urllib-errors.js";
import { parseHttpList, parseKeqvList } from "./urllib-headers-parse.js";
import type { Request } from "./urllib-request-object.js";

type Req = Request & Record<string, unknown>;

function hexDigest(algorithm: "md5" | "sha1", text: string | Uint8Array): string {
  return nodeModule("node:crypto").createHash(algorithm).update(text).digest("hex");
}

export class AbstractDigestAuthHandler extends BaseHandler {
  static override pythonName = "AbstractDigestAuthHandler";
  declare passwd: unknown;
  declare retried: number;
  declare nonce_count: number;
  declare last_nonce: unknown;

  constructor(passwd: unknown = null) {
    super();
    this.passwd = isNone(passwd) ? new HTTPPasswordMgr() : passwd;
    this["add_password"] = (...args: unknown[]) => callMethod(this.passwd, "add_password", ...args);
    this.retried = 0;
    this.nonce_count = 0;
    this.last_nonce = null;
  }

  reset_retry_count(): null {
    this.retried = 0;
    return null;
  }

  http_error_auth_reqed(authHeader: unknown, _host: unknown, req: Req, headers: unknown): unknown {
    const authreq = callMethod(headers, "get", authHeader, null) as string | null;
    if (this.retried > 5) throw new HTTPError(req.full_url, 401n, "digest auth failed", headers, null);
    this.retried += 1;
    if (authreq) {
      const scheme = authreq.split(/\s+/).filter(Boolean)[0] ?? "";
      if (scheme.toLowerCase() === "digest") return callMethod(this, "retry_http_digest_auth", req, authreq);
      if (scheme.toLowerCase() !== "basic") throw new ValueError(`AbstractDigestAuthHandler does not support the following scheme: '${scheme}'`);
    }
    return null;
  }

  retry_http_digest_auth(req: Req, auth: unknown): unknown {
    const text = str(auth);
    const space = text.indexOf(" ");
    const challenge = parseKeqvList(parseHttpList(text.slice(space + 1)).filter(Boolean));
    const authorization = callMethod(this, "get_authorization", req, challenge);
    if (!authorization) return null;
    const value = `Digest ${str(authorization)}`;
    const header = str(this["auth_header"]);
    if (req.headers.get(header) === value) return null;
    callMethod(req, "add_unredirected_header", header, value);
    return this.parent.open(req, new Kwargs({ timeout: req.timeout }));
  }

  get_cnonce(nonce: unknown): string {
    const random = nodeModule("node:crypto").randomBytes(8) as Uint8Array;
    const seed = new TextEncoder().encode(`${this.nonce_count}:${str(nonce)}:${new Date().toString()}:`);
    return hexDigest("sha1", Uint8Array.from([...seed, ...random])).slice(0, 16);
  }

  get_authorization(req: Req, chal: Dict<string, string>): string | null {
    if (!chal.has("realm") || !chal.has("nonce")) return null;
    const realm = chal.get("realm")!;
    const nonce = chal.get("nonce")!;
    const qop = chal.get("qop") ?? null;
    const algorithm = chal.get("algorithm") ?? "MD5";
    const opaque = chal.get("opaque") ?? null;
    const impls = callMethod(this, "get_algorithm_impls", algorithm) as Tuple;
    const H = (x: string): string => str(callValue(impls.at(0), x));
    const KD = (s: string, d: string): string => H(`${s}:${d}`);
    const found = callMethod(this.passwd, "find_user_password", realm, req.full_url) as Tuple;
    const user = found.at(0);
    const pw = found.at(1);
    if (isNone(user)) return null;
    const entdig = isNone(req.data) ? null : callMethod(this, "get_entity_digest", req.data, chal);
    const A1 = `${str(user)}:${realm}:${str(pw)}`;
    const A2 = `${str(callMethod(req, "get_method"))}:${req.selector}`;
    let respdig: string;
    let ncvalue = "";
    let cnonce = "";
    if (qop === null) respdig = KD(H(A1), `${nonce}:${H(A2)}`);
    else if (qop.split(",").includes("auth")) {
      if (nonce === this.last_nonce) this.nonce_count += 1;
      else {
        this.nonce_count = 1;
        this.last_nonce = nonce;
      }
      ncvalue = this.nonce_count.toString(16).padStart(8, "0");
      cnonce = str(callMethod(this, "get_cnonce", nonce));
      respdig = KD(H(A1), `${nonce}:${ncvalue}:${cnonce}:auth:${H(A2)}`);
    } else throw new URLError(`qop '${qop}' is not supported.`);
    let base = `username="${str(user)}", realm="${realm}", nonce="${nonce}", uri="${req.selector}", response="${respdig}"`;
    if (opaque) base += `, opaque="${opaque}"`;
    if (!isNone(entdig)) base += `, digest="${str(entdig)}"`;
    base += `, algorithm="${algorithm}"`;
    if (qop) base += `, qop=auth, nc=${ncvalue}, cnonce="${cnonce}"`;
    return base;
  }

  get_algorithm_impls(algorithm: unknown): Tuple {
    let name: "md5" | "sha1";
    if (algorithm === "MD5") name = "md5";
    else if (algorithm === "SHA") name = "sha1";
    else throw new ValueError(`Unsupported digest authentication algorithm ${repr(algorithm)}`);
    const H = (x: unknown): string => hexDigest(name, str(x));
    return Tuple.of(H, (s: unknown, d: unknown): string => H(`${str(s)}:${str(d)}`));
  }

  get_entity_digest(_data: unknown, _chal: unknown): null {
    return null;
  }

  /** The retry for a challenge, then the retry count reset (once the retry has ended). */
  protected *challenged(authreq: string, host: unknown, req: Req, headers: unknown): Flow<unknown> {
    const retry = yield* settled(this.http_error_auth_reqed(authreq, host, req, headers));
    this.reset_retry_count();
    return retry;
  }
}

export class HTTPDigestAuthHandler extends AbstractDigestAuthHandler {
  static override pythonName = "HTTPDigestAuthHandler";
  declare static auth_header: string;
  static {
    classAttribute(this, "auth_header", "Authorization");
    classAttribute(this, "handler_order", 490n);
  }
  http_error_401(req: Req, _fp: unknown, _code: unknown, _msg: unknown, headers: unknown): unknown {
    const host = (urllibParseModule.urlparse(req.full_url) as unknown as Tuple).at(1);
    return runFlow(this.challenged("www-authenticate", host, req, headers));
  }
}

export class ProxyDigestAuthHandler extends AbstractDigestAuthHandler {
  static override pythonName = "ProxyDigestAuthHandler";
  declare static auth_header: string;
  static {
    classAttribute(this, "auth_header", "Proxy-Authorization");
    classAttribute(this, "handler_order", 490n);
  }
  http_error_407(req: Req, _fp: unknown, _code: unknown, _msg: unknown, headers: unknown): unknown {
    return runFlow(this.challenged("proxy-authenticate", req.host, req, headers));
  }
}
