// tarfile.ExFileObject: what TarFile.extractfile returns, a member's data as a read-only
// binary stream.

import { Bytes } from "../values/bytes.js";
import { repr } from "../values/repr.js";
import { BytesIO } from "../lang/io-memory.js";

/** A member's data as a read-only binary stream (tarfile.ExFileObject). */
export class ExFileObject extends BytesIO {
  static override readonly __module__: string = "tarfile";
  readonly name: unknown;
  constructor(data: Uint8Array, name: unknown) {
    super(Bytes.fromArray(data));
    this.name = name;
  }
  override writable(): boolean {
    this.checkClosed();
    return false;
  }
  override __repr__(): string {
    return `<ExFileObject name=${repr(this.name)}>`;
  }
}
