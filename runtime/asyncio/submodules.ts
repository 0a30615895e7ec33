// asyncio's submodules that programs import by name (`from asyncio.streams import
// StreamReader`, `import asyncio.transports`): module objects over the classes the asyncio
// package itself gives, as CPython's package re-exports them.

import { moduleObject, standardModule } from "../modules/module-object.js";
import { BaseProtocol, BufferedProtocol, DatagramProtocol, Protocol, SubprocessProtocol } from "./protocols.js";
import { BaseTransport, DatagramTransport, ReadTransport, SubprocessTransport, Transport, WriteTransport } from "./transport-bases.js";
import { open_connection, start_server, StreamReader, StreamReaderProtocol, StreamWriter } from "./streams.js";
import { open_unix_connection, start_unix_server } from "./unix-servers.js";
import { pyClass } from "../modules/callable-class.js";
import { Tuple } from "../values/tuple.js";

/** asyncio's logger (`logging.getLogger("asyncio")`), read when asked: logging loads late. */
function asyncioLogger(): unknown {
  return (standardModule("logging") as unknown as { getLogger(name: string): unknown }).getLogger("asyncio");
}

/**
 * streams.FlowControlMixin: the protocol half that pauses writers while the transport's buffer
 * is full (StreamReaderProtocol in streams.ts carries its own copy of this state).
 */
export class FlowControlMixin extends Protocol {
  static override readonly __module__: string = "asyncio.streams";
  _paused = false;
  _connection_lost = false;
  _loop: unknown;
  constructor(loop: unknown = null) {
    super();
    this._loop = loop;
  }
  override pause_writing(): unknown {
    this._paused = true;
    return null;
  }
  override resume_writing(): unknown {
    this._paused = false;
    return null;
  }
  override connection_lost(_exc: unknown): unknown {
    this._connection_lost = true;
    this._paused = false;
    return null;
  }
}

export const transportClasses = { BaseTransport, ReadTransport, WriteTransport, Transport, DatagramTransport, SubprocessTransport };

export const protocolsModule = moduleObject("asyncio.protocols", {
  __all__: Tuple.of("BaseProtocol", "Protocol", "DatagramProtocol", "SubprocessProtocol", "BufferedProtocol"),
  BaseProtocol,
  Protocol,
  DatagramProtocol,
  SubprocessProtocol,
  BufferedProtocol,
});

export const transportsModule = moduleObject("asyncio.transports", {
  __all__: Tuple.of("BaseTransport", "ReadTransport", "WriteTransport", "Transport", "DatagramTransport", "SubprocessTransport"),
  BaseTransport: pyClass(BaseTransport),
  ReadTransport: pyClass(ReadTransport),
  WriteTransport: pyClass(WriteTransport),
  Transport: pyClass(Transport),
  DatagramTransport: pyClass(DatagramTransport),
  SubprocessTransport: pyClass(SubprocessTransport),
});

export const streamsModule = moduleObject("asyncio.streams", {
  __all__: Tuple.of("StreamReader", "StreamWriter", "StreamReaderProtocol", "open_connection", "start_server", "open_unix_connection", "start_unix_server"),
  StreamReader,
  StreamWriter,
  StreamReaderProtocol,
  FlowControlMixin: pyClass(FlowControlMixin),
  open_connection,
  start_server,
  open_unix_connection,
  start_unix_server,
  get logger(): any {
    return asyncioLogger();
  },
});
