// asyncio.protocols: the base classes whose methods a transport calls. Their methods do
// nothing, so a Python subclass overrides only what it needs.

export class BaseProtocol {
  static readonly __module__: string = "asyncio.protocols";
  connection_made(_transport: unknown): null {
    return null;
  }
  connection_lost(_exc: unknown): null {
    return null;
  }
  pause_writing(): null {
    return null;
  }
  resume_writing(): null {
    return null;
  }
}

export class Protocol extends BaseProtocol {
  data_received(_data: unknown): null {
    return null;
  }
  eof_received(): boolean | null {
    return null;
  }
}

export class BufferedProtocol extends BaseProtocol {
  eof_received(): boolean | null {
    return null;
  }
}

export class DatagramProtocol extends BaseProtocol {
  datagram_received(_data: unknown, _addr: unknown): null {
    return null;
  }
  error_received(_exc: unknown): null {
    return null;
  }
}

export class SubprocessProtocol extends BaseProtocol {
  pipe_data_received(_fd: unknown, _data: unknown): null {
    return null;
  }
  pipe_connection_lost(_fd: unknown, _exc: unknown): null {
    return null;
  }
  process_exited(): null {
    return null;
  }
}
