// asyncio.protocols: the base classes whose methods a transport calls. Their methods do
// nothing, so a Python subclass overrides only what it needs (returning anything: `unknown`).

export class BaseProtocol {
  static readonly __module__: string = "asyncio.protocols";
  connection_made(_transport: unknown): unknown {
    return null;
  }
  connection_lost(_exc: unknown): unknown {
    return null;
  }
  pause_writing(): unknown {
    return null;
  }
  resume_writing(): unknown {
    return null;
  }
}

export class Protocol extends BaseProtocol {
  data_received(_data: unknown): unknown {
    return null;
  }
  eof_received(): unknown {
    return null;
  }
}

export class BufferedProtocol extends BaseProtocol {
  /** Called to get a buffer for received data: a subclass returns one (the base's body is its docstring). */
  get_buffer(_sizehint: unknown): unknown {
    return null;
  }
  buffer_updated(_nbytes: unknown): unknown {
    return null;
  }
  eof_received(): unknown {
    return null;
  }
}

export class DatagramProtocol extends BaseProtocol {
  datagram_received(_data: unknown, _addr: unknown): unknown {
    return null;
  }
  error_received(_exc: unknown): unknown {
    return null;
  }
}

export class SubprocessProtocol extends BaseProtocol {
  pipe_data_received(_fd: unknown, _data: unknown): unknown {
    return null;
  }
  pipe_connection_lost(_fd: unknown, _exc: unknown): unknown {
    return null;
  }
  process_exited(): unknown {
    return null;
  }
}
