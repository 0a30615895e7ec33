// loop.getaddrinfo on Node's resolver (the system's getaddrinfo, as CPython's executor thread
// calls), with socket's AddressFamily and SocketKind enums in its results.

import { nodeModule } from "../core/host.js";
import { coroutine, type Coroutine } from "../core/coroutine.js";
import { await_ } from "../core/await.js";
import { OSError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { str } from "../values/repr.js";
import { AddressFamily, SocketKind } from "../modules/socket-enums.js";
import { toInt } from "../modules/callable-class.js";
import { EventLoop } from "./events.js";
import { addressTuple, fromNode } from "./transports.js";

declare module "./events.js" {
  interface EventLoop {
    getaddrinfo(...args: unknown[]): Coroutine<Tuple[]>;
  }
}

export { AddressFamily, SocketKind };

/** socket.gaierror: a failed name lookup. */
export class gaierror extends OSError {
  static readonly __module__ = "socket";
}

export const LOOKUP_ERRORS: Record<string, [bigint, string]> = {
  ENOTFOUND: [-2n, "Name or service not known"],
  EAI_NONAME: [-2n, "Name or service not known"],
  EAI_AGAIN: [-3n, "Temporary failure in name resolution"],
  ENODATA: [-5n, "No address associated with hostname"],
  EAI_FAIL: [-4n, "Non-recoverable failure in name resolution"],
};

/** Well-known services a port may be named by. */
const SERVICES: Record<string, number> = { http: 80, https: 443, ftp: 21, ssh: 22, smtp: 25, domain: 53 };

export function portNumber(port: unknown): number {
  if (port === null || port === undefined) return 0;
  if (typeof port === "bigint" || typeof port === "boolean") return toInt(port);
  const text = port instanceof Uint8Array ? new TextDecoder().decode(port) : str(port);
  if (/^\d+$/.test(text)) return Number(text);
  const known = SERVICES[text];
  if (known === undefined) throw new gaierror(-8n, "Servname not supported for ai_socktype");
  return known;
}

export const KINDS: [bigint, bigint][] = [[1n, 6n], [2n, 17n], [3n, 0n]];

function getaddrinfo(this: EventLoop, ...args: unknown[]): Coroutine<Tuple[]> {
  const [pos, kws] = splitKw(args);
  const host = pos[0] ?? kws["host"] ?? null;
  const port = pos[1] ?? kws["port"] ?? null;
  const family = toInt(kws["family"] ?? 0n);
  const type = toInt(kws["type"] ?? 0n);
  const loop = this;
  return coroutine(function* () {
    const name = host === null ? "localhost" : host instanceof Uint8Array ? new TextDecoder().decode(host) : str(host);
    const portNum = portNumber(port);
    const fut = loop.create_future();
    const options = { all: true as const, family: family === 2 ? 4 : family === 10 ? 6 : 0 };
    nodeModule("node:dns").lookup(name, options, (err, addresses) =>
      fromNode(loop, () => {
        if (fut.done()) return;
        if (err) {
          const [errno, text] = LOOKUP_ERRORS[err.code ?? ""] ?? [-2n, "Name or service not known"];
          fut.set_exception(new gaierror(errno, text));
        } else fut.set_result(addresses);
      }),
    );
    const addresses = (yield* await_(fut)) as { address: string; family: number }[];
    const result: Tuple[] = [];
    for (const a of addresses) {
      const fam = a.family === 6 ? AddressFamily.AF_INET6 : AddressFamily.AF_INET;
      for (const [kind, proto] of KINDS) {
        if (type !== 0 && BigInt(type) !== kind) continue;
        const sockKind = kind === 1n ? SocketKind.SOCK_STREAM : kind === 2n ? SocketKind.SOCK_DGRAM : SocketKind.SOCK_RAW;
        result.push(Tuple.of(fam, sockKind, proto, "", addressTuple(a.address, portNum, a.family)));
      }
    }
    return result;
  }, "BaseEventLoop.getaddrinfo");
}

Object.defineProperty(EventLoop.prototype, "getaddrinfo", { value: getaddrinfo, writable: true, configurable: true });
