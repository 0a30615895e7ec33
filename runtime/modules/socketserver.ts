// socketserver's TCPServer loop behind http.server's HTTPServer (Lib/socketserver.py):
// serve_forever() polls the listening socket with select every poll_interval, handles one
// request per readiness, and stops when shutdown() (from another thread) asks it to; the
// threading variant hands each request to a daemon thread.

import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { declareClassValues } from "../values/declared-attributes.js";
import { kw } from "../values/kwargs.js";
import { bindArgs } from "../asyncio/args.js";
import { Suspension, greenThreadsRun } from "../threads/scheduler.js";
import { callValue } from "./pycall.js";
import { callMethod } from "../values/methods.js";
import { standardStreams } from "../values/print.js";
import { repr } from "../values/repr.js";
import { tracebackModule } from "./traceback.js";
import { pyClass, toNumber } from "./callable-class.js";
import { socketModule, PySocket } from "./socket.js";
import { selectModule } from "./select-poll.js";
import { threadingModule } from "./threading.js";
import { settle, type BaseHTTPRequestHandler } from "./http-server.js";

/** What BaseServer.process_request and ThreadingMixIn.process_request_thread both do with one request. */
async function serveRequest(server: TCPServer, request: unknown, address: unknown): Promise<null> {
  try {
    await server.finish_request(request, address);
  } catch (error) {
    server.handle_error(request, address, error);
  }
  server.shutdown_request(request);
  return null;
}

export class TCPServer {
  static readonly pythonName: string = "TCPServer";
  static readonly __module__: string = "socketserver";
  [attr: string]: any;
  static allow_reuse_address = false;
  static request_queue_size = 5n;
  static daemon_threads = false;
  static address_family: unknown = 2n;
  static socket_type: unknown = 1n;
  private shutdownRequest = false;
  private running = false;
  private stopped: (() => void)[] = [];

  constructor(...args: unknown[]) {
    const [address, handler, bindAndActivate] = bindArgs(this.constructor.name, args, ["server_address", "RequestHandlerClass", "bind_and_activate"]);
    this.server_address = address;
    this.RequestHandlerClass = handler;
    const cls = this.constructor as unknown as { address_family?: unknown; socket_type?: unknown };
    this.socket = new PySocket(cls.address_family ?? 2n, cls.socket_type ?? 1n);
    if (bindAndActivate === undefined || bindAndActivate === true) {
      try {
        this.server_bind();
        this.server_activate();
      } catch (error) {
        this.server_close();
        throw error;
      }
    }
  }

  server_bind(): any {
    (this.socket as PySocket).bind(this.server_address);
    this.server_address = (this.socket as PySocket).getsockname();
    return null;
  }

  server_activate(): any {
    (this.socket as PySocket).listen((this.constructor as unknown as { request_queue_size: bigint }).request_queue_size);
    return null;
  }

  server_close(): any {
    (this.socket as PySocket).close();
    return null;
  }

  fileno(): any {
    return (this.socket as PySocket).fileno();
  }

  async serve_forever(poll_interval: unknown = 0.5): Promise<any> {
    const interval = toNumber(poll_interval);
    this.running = true;
    try {
      while (!this.shutdownRequest) {
        const ready = (await settle(selectModule.select([this], [], [], interval))) as Tuple;
        if (this.shutdownRequest) break;
        if ((ready.at(0) as unknown[]).length > 0) await this._handle_request_noblock();
        await settle(this.service_actions());
      }
    } finally {
      this.shutdownRequest = false;
      this.running = false;
      for (const wake of this.stopped.splice(0)) wake();
    }
    return null;
  }

  service_actions(): any {
    return null;
  }

  /** Asks serve_forever() to stop and waits until it has (a thread switch). */
  shutdown(): any {
    this.shutdownRequest = true;
    if (!this.running || !greenThreadsRun()) return null;
    return new Suspension<null>((wake) => {
      this.stopped.push(() => wake(null));
    }) as unknown as null;
  }

  async handle_request(): Promise<any> {
    const timeout = this.timeout ?? (this.socket as PySocket).gettimeout();
    const ready = (await settle(selectModule.select([this], [], [], timeout))) as Tuple;
    if ((ready.at(0) as unknown[]).length === 0) return this.handle_timeout();
    await this._handle_request_noblock();
    return null;
  }

  handle_timeout(): any {
    return null;
  }

  get_request(): any {
    return (this.socket as PySocket).accept();
  }

  async _handle_request_noblock(): Promise<void> {
    let pair: Tuple;
    try {
      pair = (await settle(this.get_request())) as Tuple;
    } catch {
      return;
    }
    const [request, address] = pair;
    if (truthy(callMethod(this, "verify_request", request, address))) await this.process_request(request, address);
    else this.shutdown_request(request);
  }

  /** `verify_request(request, client_address)`: whether to serve the request (all, unless overridden). */
  verify_request(_request: unknown, _address: unknown): any {
    return true;
  }

  async process_request(request: unknown, address: unknown): Promise<any> {
    return serveRequest(this, request, address);
  }

  async finish_request(request: unknown, address: unknown): Promise<any> {
    const handler = callValue(this.RequestHandlerClass, request, address, this) as BaseHTTPRequestHandler;
    if (typeof handler._serve === "function") await handler._serve();
    return null;
  }

  handle_error(_request: unknown, address: unknown, error: unknown): any {
    const write = (text: string): void => void callMethod(standardStreams.stderr, "write", text);
    write("-".repeat(40) + "\n");
    write(`Exception occurred during processing of request from ${repr(address)}\n`);
    if (!(error instanceof Error) || !("args" in error)) console.error(error); else tracebackModule.print_exception(error);
    write("-".repeat(40) + "\n");
    return null;
  }

  shutdown_request(request: unknown): any {
    try {
      (request as PySocket).shutdown(1n);
    } catch {
      // the peer may have gone
    }
    callMethod(this, "close_request", request);
    return null;
  }

  /** `close_request(request)`: closes the request's socket (after shutdown_request). */
  close_request(request: unknown): any {
    (request as PySocket).close();
    return null;
  }

  __enter__(): this {
    return this;
  }

  __exit__(..._exc: unknown[]): null {
    return this.server_close();
  }
}

/** ThreadingMixIn's process_request: each request in its own (daemon) thread. */
export class ThreadingTCPServer extends TCPServer {
  static override readonly pythonName: string = "ThreadingTCPServer";
  static override daemon_threads = true;

  /** `process_request_thread(request, client_address)`: what each request's thread runs. */
  async process_request_thread(request: unknown, address: unknown): Promise<any> {
    return serveRequest(this, request, address);
  }

  override async process_request(request: unknown, address: unknown): Promise<any> {
    const target = async (): Promise<unknown> => settle(callMethod(this, "process_request_thread", request, address));
    const thread = callValue(threadingModule.Thread, kw({ target, daemon: (this.constructor as unknown as { daemon_threads: boolean }).daemon_threads }));
    await settle(callValue((thread as { start(): unknown }).start.bind(thread)));
    return null;
  }
}

export class HTTPServer extends TCPServer {
  static override readonly pythonName: string = "HTTPServer";
  static override readonly __module__: string = "http.server";
  static override allow_reuse_address = true;

  override server_bind(): any {
    super.server_bind();
    const address = this.server_address as Tuple;
    this.server_name = socketModule.getfqdn(address.at(0));
    this.server_port = address.at(1);
    return null;
  }
}

export class ThreadingHTTPServer extends HTTPServer {
  static override readonly pythonName: string = "ThreadingHTTPServer";
  static override daemon_threads = true;

  override process_request(request: unknown, address: unknown): Promise<null> {
    return ThreadingTCPServer.prototype.process_request.call(this, request, address);
  }

  process_request_thread(request: unknown, address: unknown): Promise<null> {
    return ThreadingTCPServer.prototype.process_request_thread.call(this, request, address);
  }
}

// (class attributes: BaseServer's timeout, TCPServer's allow_reuse_port, ThreadingMixIn's block_on_close)
declareClassValues(TCPServer, { timeout: null, allow_reuse_port: false });
declareClassValues(ThreadingTCPServer, { block_on_close: true });
declareClassValues(ThreadingHTTPServer, { block_on_close: true });

export const TCPServerClass = pyClass(TCPServer);
export const ThreadingTCPServerClass = pyClass(ThreadingTCPServer);
export const HTTPServerClass = pyClass(HTTPServer);
export const ThreadingHTTPServerClass = pyClass(ThreadingHTTPServer);
