// urllib.request's FTP side: FTPHandler.ftp_open parses an ftp: URL as CPython's does and asks
// `connect_ftp(user, passwd, host, port, dirs, timeout)` for a connection whose `retrfile`
// gives the file (so a subclass may provide one); CacheFTPHandler keeps connections per key
// with their expiry; ftpwrapper is CPython's connection object, whose `init` cannot connect:
// pyts has no FTP client, so opening an ftp: URL ends in a URLError whose reason is that OSError.

import { Dict } from "../values/dict.js";
import { EOFError, OSError, ValueError } from "../values/exceptions.js";
import { callMethod } from "../values/methods.js";
import { str } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { isNone } from "./callable-class.js";
import { HttpHeaders } from "./http-headers.js";
import { guessedType } from "./http-server-simple.js";
import { gethostbyname } from "./socket-names.js";
import { urllibParseModule } from "./urllib-parse.js";
import { BaseHandler } from "./urllib-opener.js";
import { addinfourl } from "./urllib-local-handlers.js";
import { URLError } from "./urllib-errors.js";
import { splitPasswd, splitPort, splitUser, splitValue } from "./urllib-split.js";
import type { Request } from "./urllib-request-object.js";

type Req = Request & Record<string, unknown>;

/** `urllib.request.ftpcache`: the connections URLopeners share (none here: pyts opens none). */
export const ftpCache = new Dict();

/** ftplib's default port. */
const FTP_PORT = 21n;

/** `ftpwrapper(user, passwd, host, port, dirs, timeout=None, persistent=True)`: one FTP connection. */
export class ftpwrapper {
  static pythonName = "ftpwrapper";
  static __module__ = "urllib.request";
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [attr: string]: any;
  constructor(user: unknown, passwd: unknown, host: unknown, port: unknown, dirs: unknown, timeout: unknown = null, persistent: unknown = true) {
    Object.assign(this, { user, passwd, host, port, dirs, timeout, refcount: 0n, keepalive: persistent, busy: 0n, ftp: null });
    try {
      callMethod(this, "init");
    } catch (error) {
      callMethod(this, "close");
      throw error;
    }
  }
  /** Connects and logs in: refused, pyts has no FTP client. */
  init(): never {
    this.busy = 0n;
    throw new OSError(`pyts has no FTP client (cannot connect to ${str(this.host)}:${str(this.port)})`);
  }
  retrfile(_file: unknown, _type: unknown): never {
    throw new OSError("pyts has no FTP client");
  }
  endtransfer(): null {
    this.busy = 0n;
    return null;
  }
  close(): null {
    this.keepalive = false;
    if ((this.refcount as bigint) <= 0n) callMethod(this, "real_close");
    return null;
  }
  file_close(): null {
    callMethod(this, "endtransfer");
    this.refcount = (this.refcount as bigint) - 1n;
    if ((this.refcount as bigint) <= 0n && !truthy(this.keepalive)) callMethod(this, "real_close");
    return null;
  }
  real_close(): null {
    callMethod(this, "endtransfer");
    if (!isNone(this.ftp)) callMethod(this.ftp, "close");
    return null;
  }
}

/** The address of a host name (a dotted address as it is), URLError when it has none. */
function hostAddress(host: string): string {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
  try {
    return gethostbyname(host);
  } catch (error) {
    if (error instanceof OSError) throw new URLError(error);
    throw error;
  }
}

export class FTPHandler extends BaseHandler {
  static override pythonName = "FTPHandler";

  ftp_open(req: Req): any {
    let host = req.host as string;
    if (!host) throw new URLError("ftp error: no host given");
    const [bare, portText] = splitPort(host);
    const port = portText === null ? FTP_PORT : BigInt(portText);
    const [userInfo, hostOnly] = splitUser(bare);
    const [user, passwd] = userInfo ? splitPasswd(userInfo) : ["", null];
    host = hostAddress(str(urllibParseModule.unquote(hostOnly)));
    const [path, ...attrs] = String(req.selector).split(";");
    let dirs = path!.split("/").map((d) => str(urllibParseModule.unquote(d)));
    const file = dirs.pop()!;
    if (dirs.length > 0 && !dirs[0]) dirs = dirs.slice(1);
    try {
      const connection = callMethod(this, "connect_ftp", user ?? "", passwd ?? "", host, port, dirs, req.timeout);
      let type = file ? "I" : "D";
      for (const attr of attrs) {
        const [name, value] = splitValue(attr);
        if (name.toLowerCase() === "type" && value !== null && "aAiIdD".includes(value) && value.length === 1) type = value.toUpperCase();
      }
      const [fp, retrlen] = (callMethod(connection, "retrfile", file, type) as Tuple<unknown>).items;
      const pairs: [string, string][] = [];
      const mtype = guessedType(String(req.full_url));
      if (mtype) pairs.push(["Content-type", mtype]);
      if (!isNone(retrlen) && (retrlen as bigint) >= 0n) pairs.push(["Content-length", str(retrlen)]);
      return new addinfourl(fp, new HttpHeaders(pairs), req.full_url);
    } catch (error) {
      if (!(error instanceof OSError || error instanceof EOFError)) throw error;
      const wrapped = new URLError(error);
      wrapped.__cause__ = error;
      throw wrapped;
    }
  }

  /** A new, non-persistent connection (ftpwrapper). */
  connect_ftp(user: unknown, passwd: unknown, host: unknown, port: unknown, dirs: unknown, timeout: unknown): any {
    return new ftpwrapper(user, passwd, host, port, dirs, timeout, false);
  }
}

/** Seconds since the epoch, as time.time(). */
function now(): number {
  return Date.now() / 1000;
}

export class CacheFTPHandler extends FTPHandler {
  static override pythonName = "CacheFTPHandler";
  constructor() {
    super();
    this["cache"] = new Dict();
    this["timeout"] = new Dict();
    this["soonest"] = 0n;
    this["delay"] = 60n;
    this["max_conns"] = 16n;
  }
  setTimeout(t: unknown): null {
    this["delay"] = t;
    return null;
  }
  setMaxConns(m: unknown): null {
    this["max_conns"] = m;
    return null;
  }
  /** The cached connection for these arguments (its expiry renewed), else a new persistent one kept. */
  override connect_ftp(user: unknown, passwd: unknown, host: unknown, port: unknown, dirs: unknown, timeout: unknown): any {
    const key = Tuple.of(user, host, port, Array.from(dirs as Iterable<unknown>, (d) => str(d)).join("/"), timeout);
    const cache = this["cache"] as Dict;
    const expiries = this["timeout"] as Dict;
    const expiry = now() + Number(this["delay"]);
    if (cache.has(key)) expiries.set(key, expiry);
    else {
      cache.set(key, new ftpwrapper(user, passwd, host, port, dirs, timeout));
      expiries.set(key, expiry);
    }
    callMethod(this, "check_cache");
    return cache.get(key);
  }
  /** Closes the expired connections, then the soonest to expire while there are max_conns. */
  check_cache(): null {
    const cache = this["cache"] as Dict;
    const expiries = this["timeout"] as Dict;
    const t = now();
    if (Number(this["soonest"]) <= t) {
      for (const [key, expiry] of [...expiries.entries()]) {
        if (Number(expiry) < t) {
          callMethod(cache.get(key), "close");
          cache.delete(key);
          expiries.delete(key);
        }
      }
    }
    const soonest = (): unknown => {
      const values = [...expiries.values()];
      if (values.length === 0) throw new ValueError("min() arg is an empty sequence");
      return values.reduce((a, b) => (Number(b) < Number(a) ? b : a));
    };
    this["soonest"] = soonest();
    if (BigInt(cache.size) === BigInt(this["max_conns"] as bigint)) {
      for (const [key, expiry] of [...expiries.entries()]) {
        if (expiry === this["soonest"]) {
          cache.delete(key);
          expiries.delete(key);
          break;
        }
      }
      this["soonest"] = soonest();
    }
    return null;
  }
  clear_cache(): null {
    for (const connection of (this["cache"] as Dict).values()) callMethod(connection, "close");
    (this["cache"] as Dict).clear();
    (this["timeout"] as Dict).clear();
    return null;
  }
}
