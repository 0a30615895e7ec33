// Data that reaches a reading transport while its reading is paused (or while earlier such
// data still waits): held, then handed to the protocol in arrival order, one a loop step (a
// read per selector event in CPython), once reading resumes. The TCP transport and the
// subprocess pipe transports share it.
import type { Bytes } from "../values/bytes.js";

export class HeldReads {
  /** Data, or the end of the stream as null, in arrival order. */
  readonly #waiting: (Bytes | null)[] = [];
  #scheduled = false;

  constructor(
    private readonly callSoon: (step: () => void) => void,
    /** Is reading paused now? */
    private readonly paused: () => boolean,
    /** Has the transport stopped delivering (closing, or its connection lost)? */
    private readonly stopped: () => boolean,
    private readonly deliver: (data: Bytes | null) => void,
  ) {}

  /** One read event: delivered now, or held behind what waits. */
  offer(data: Bytes | null): void {
    if (this.stopped()) return;
    if (this.paused() || this.#waiting.length > 0) {
      this.#waiting.push(data);
      return;
    }
    this.deliver(data);
  }

  /** Reading resumed: what came meanwhile goes first, as the kernel's buffer would give it. */
  resume(): void {
    if (this.#waiting.length > 0) this.#schedule();
  }

  #next(): void {
    this.#scheduled = false;
    if (this.stopped() || this.paused() || this.#waiting.length === 0) return;
    this.deliver(this.#waiting.shift()!);
    if (this.#waiting.length > 0) this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.callSoon(() => this.#next());
  }
}
