// The loop methods of CPython's base classes: AbstractEventLoop's raise NotImplementedError
// (the interface a loop implements), BaseEventLoop's are the running loop's own (their code is
// CPython's BaseEventLoop's in the running loop's class, events.ts and the files that extend
// it). A class deriving from one of them, and `asyncio.BaseEventLoop.call_soon(loop, f)`, find
// them as in CPython. Loaded after every file that installs a loop method.
import { coroutine } from "../core/coroutine.js";
import { NotImplementedError } from "../values/exceptions.js";
import { AbstractEventLoop, BaseEventLoop, EventLoop } from "./events.js";

/** The methods BaseEventLoop leaves to its subclasses (selector and Unix loops): AbstractEventLoop's. */
const LEFT_ABSTRACT = new Set(("add_reader add_signal_handler add_writer create_unix_connection create_unix_server remove_reader " +
  "remove_signal_handler remove_writer sock_accept sock_connect sock_recv sock_recv_into sock_recvfrom sock_recvfrom_into " +
  "sock_sendall sock_sendto").split(" "));

/** The other methods of AbstractEventLoop, which BaseEventLoop implements. */
const IMPLEMENTED = ("call_at call_exception_handler call_later call_soon call_soon_threadsafe close connect_accepted_socket " +
  "connect_read_pipe connect_write_pipe create_connection create_datagram_endpoint create_future create_server create_task " +
  "default_exception_handler get_debug get_exception_handler get_task_factory getaddrinfo getnameinfo is_closed is_running " +
  "run_forever run_in_executor run_until_complete sendfile set_debug set_default_executor set_exception_handler " +
  "set_task_factory shutdown_asyncgens shutdown_default_executor sock_sendfile start_tls stop subprocess_exec " +
  "subprocess_shell time").split(" ");

/** The methods that are coroutine functions (`async def`) in CPython's AbstractEventLoop. */
const ASYNC = new Set(("connect_accepted_socket connect_read_pipe connect_write_pipe create_connection create_datagram_endpoint " +
  "create_server create_unix_connection create_unix_server getaddrinfo getnameinfo sendfile shutdown_asyncgens " +
  "shutdown_default_executor sock_accept sock_connect sock_recv sock_recv_into sock_recvfrom sock_recvfrom_into sock_sendall " +
  "sock_sendfile sock_sendto start_tls subprocess_exec subprocess_shell").split(" "));

function install(prototype: object, name: string, method: (...args: unknown[]) => unknown): void {
  Object.defineProperty(method, "name", { value: name });
  Object.defineProperty(prototype, name, { value: method, writable: true, configurable: true });
}

for (const name of [...LEFT_ABSTRACT, ...IMPLEMENTED]) {
  if (name === "call_soon") continue;
  // (an `async def` raises when awaited: its call makes a coroutine)
  const method = ASYNC.has(name)
    ? function (): unknown {
      return coroutine(function* (): Generator<unknown, never> {
        throw new NotImplementedError();
      }, `AbstractEventLoop.${name}`);
    }
    : function (): never {
      throw new NotImplementedError();
    };
  if (ASYNC.has(name)) Object.defineProperty(method, "_is_coroutine_function", { value: true });
  install(AbstractEventLoop.prototype, name, method);
}
// (the interface's one method with a body: a call_later with no delay)
install(AbstractEventLoop.prototype, "call_soon", function (this: { call_later(...args: unknown[]): unknown }, callback: unknown, ...args: unknown[]): unknown {
  return this.call_later(0n, callback, ...args);
});

const running = EventLoop.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
for (const name of IMPLEMENTED) {
  // (read when called: the socket methods replace their stubs when the socket module loads)
  install(BaseEventLoop.prototype, name, function (this: unknown, ...args: unknown[]): unknown {
    return running[name]!.apply(this, args);
  });
}
