// The event loop's `sock_*` methods before the `socket` module's file has loaded: each loads
// it (the file installs the methods proper, asyncio/sock-methods.ts) and calls the method it
// installed. A socket to pass them comes from that module anyway; the runtime's core then
// carries no socket code for the programs that use none (every start compiles the core).
import { initialiseModule } from "../modules/module-object.js";
import { EventLoop } from "./events.js";

const SOCK_METHODS = ["sock_recv", "sock_recv_into", "sock_recvfrom", "sock_sendall", "sock_sendto", "sock_accept", "sock_connect",
  "sock_recvfrom_into", "sock_sendfile", "sendfile", "getnameinfo",
  // readiness callbacks watch those sockets (fd-watchers.ts)
  "add_reader", "add_writer", "remove_reader", "remove_writer"];

const prototype = EventLoop.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
for (const name of SOCK_METHODS) {
  // (the runtime built as separate modules may have loaded socket's file first)
  if (Object.hasOwn(prototype, name)) continue;
  const stub = function (this: EventLoop, ...args: unknown[]): unknown {
    initialiseModule("socket");
    const method = prototype[name]!;
    if (method === stub) throw new Error(`pyts runtime: loading the socket module did not define EventLoop.${name}`);
    return method.apply(this, args);
  };
  // anonymous, as the methods proper are
  Object.defineProperty(stub, "name", { value: "" });
  Object.defineProperty(prototype, name, { value: stub, writable: true, configurable: true });
}
