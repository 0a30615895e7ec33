// http.server.test(): the server `python -m http.server` runs (Lib/http/server.py's test):
// binds the first address getaddrinfo gives for `bind` (all interfaces when None), prints
// where it serves, serves until Ctrl-C, and then exits with status 0.

import { bindArgs } from "../asyncio/args.js";
import { kw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { callMethod } from "../values/methods.js";
import { getattr, setattr } from "../values/builtin-functions.js";
import { KeyboardInterrupt, SystemExit } from "../values/exceptions.js";
import { print } from "../values/print.js";
import { str } from "../values/repr.js";
import { callValue } from "./pycall.js";
import { socketModule } from "./socket.js";
import { settle, BaseHTTPRequestHandlerClass } from "./http-server.js";
import { ThreadingHTTPServerClass } from "./socketserver.js";

/** `test(HandlerClass=BaseHTTPRequestHandler, ServerClass=ThreadingHTTPServer, protocol="HTTP/1.0", port=8000, bind=None)`. */
export async function test(...args: unknown[]): Promise<null> {
  const [handler, server, protocol, port, bind] = bindArgs("test", args, ["HandlerClass", "ServerClass", "protocol", "port", "bind"]);
  const handlerClass = handler ?? BaseHTTPRequestHandlerClass;
  const serverClass = server ?? ThreadingHTTPServerClass;
  const infos = callValue(socketModule.getaddrinfo, bind ?? null, port ?? 8000n, kw({ type: socketModule.SOCK_STREAM, flags: socketModule.AI_PASSIVE })) as Tuple[];
  const [family, , , , address] = infos[0]!;
  setattr(serverClass, "address_family", family);
  setattr(handlerClass, "protocol_version", protocol ?? "HTTP/1.0");
  const httpd = callValue(serverClass, address, handlerClass);
  callMethod(httpd, "__enter__");
  try {
    const [host, boundPort] = callMethod(getattr(httpd, "socket"), "getsockname") as Tuple;
    const hostText = str(host);
    const urlHost = hostText.includes(":") ? `[${hostText}]` : hostText;
    print(`Serving HTTP on ${hostText} port ${str(boundPort)} (http://${urlHost}:${str(boundPort)}/) ...`);
    try {
      await settle(callMethod(httpd, "serve_forever"));
    } catch (error) {
      if (!(error instanceof KeyboardInterrupt)) throw error;
      print("\nKeyboard interrupt received, exiting.");
      throw new SystemExit(0n);
    }
  } catch (error) {
    await settle(callMethod(httpd, "__exit__", ...exitArgs(error)));
    throw error;
  }
  await settle(callMethod(httpd, "__exit__", null, null, null));
  return null;
}

function exitArgs(error: unknown): unknown[] {
  return error instanceof Error ? [error.constructor, error, null] : [null, null, null];
}
