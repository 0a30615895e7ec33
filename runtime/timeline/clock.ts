// The recording's clock.
//
// Reading the clock (performance.now()) costs about as much as a short callback of the loop,
// so the recorder does not read it per event. Each event is a position, a "tick" (a counter:
// one addition), and the clock is read at some ticks: at every loop iteration's start (the
// loop's own reading) and end, before and after each blocking call, and every `every`-th
// tick in between. When the record is written, a tick between two readings gets its time by
// linear interpolation between them. `every` adapts: it doubles (up to MAX_EVERY) while the
// ticks between two readings took less than SHORT_MS, and falls back to 1 (a reading per
// tick) as soon as they took more than LONG_MS, so a run of tiny callbacks costs one reading
// per MAX_EVERY of them, and an event that takes long is timed by its own readings. A span
// between two readings is always exact; how it is shared among the ticks inside it is
// derived, off by at most the span, which is SHORT_MS * 2 in a steady run of short events.
// An idle loop (waiting for a timer or I/O) is always bracketed by readings. Readings are
// kept only KEEP_GAP_MS apart (with the one just before each kept one).

/** Readings closer than this (ms) let the interval double. */
const SHORT_MS = 0.05;
/** Readings further apart than this (ms) bring the clock back to a reading per tick. */
const LONG_MS = 0.5;
const MAX_EVERY = 32;
/**
 * A reading is kept only when it is this much (ms) later than the last one kept (and then the
 * one before it is kept too): readings a few microseconds apart (a loop running iteration after
 * iteration) would tell little and take memory. A tick's time is then off by less than this.
 */
const KEEP_GAP_MS = 0.01;

export class Clock {
  /** performance.now() when recording began; times are milliseconds from it. */
  readonly origin = performance.now();
  /** The last tick given out. */
  tick = 0;
  /** The tick at which the clock is read next. */
  private nextRead = 1;
  private every = 1;
  private lastTick = 0;
  private lastTime = 0;
  /** The last reading kept, and the last one not kept (tick 0: none). */
  private keptTime = 0;
  private pendingTick = 0;
  private pendingTime = 0;
  private readonly ticks: number[] = [0];
  private readonly times: number[] = [0];

  /** A new position; the clock is read there when its turn has come. */
  mark(): number {
    const t = ++this.tick;
    if (t >= this.nextRead) this.readAt(t, performance.now() - this.origin);
    return t;
  }

  /** A new position with a clock reading now (an idle wait or a blocking call is about to begin, or has ended). */
  markRead(): number {
    const t = ++this.tick;
    this.readAt(t, performance.now() - this.origin);
    return t;
  }

  /** A new position at `ms` (performance.now() read by the caller: the loop's clock). */
  markAt(ms: number): number {
    const t = ++this.tick;
    const time = ms - this.origin;
    this.readAt(t, time < this.lastTime ? this.lastTime : time);
    return t;
  }

  /** Milliseconds since recording began, read now (no position). */
  now(): number {
    return performance.now() - this.origin;
  }

  private readAt(t: number, time: number): void {
    const span = time - this.lastTime;
    if (span > LONG_MS) this.every = 1;
    else if (span < SHORT_MS && t - this.lastTick >= this.every && this.every < MAX_EVERY) this.every *= 2;
    if (time - this.keptTime >= KEEP_GAP_MS) {
      if (this.pendingTick !== 0) {
        this.ticks.push(this.pendingTick);
        this.times.push(this.pendingTime);
      }
      this.ticks.push(t);
      this.times.push(time);
      this.keptTime = time;
      this.pendingTick = 0;
    } else {
      this.pendingTick = t;
      this.pendingTime = time;
    }
    this.lastTick = t;
    this.lastTime = time;
    this.nextRead = t + this.every;
  }

  /** Reads the clock at a last position and gives a converter from ticks to milliseconds. */
  finish(): TickTimes {
    this.markRead();
    if (this.pendingTick !== 0) {
      this.ticks.push(this.pendingTick);
      this.times.push(this.pendingTime);
      this.pendingTick = 0;
    }
    return new TickTimes(this.ticks, this.times);
  }
}

/** Ticks to times: a reading's time, or the interpolation between the readings around a tick. */
export class TickTimes {
  private cursor = 0;
  constructor(
    private readonly ticks: readonly number[],
    private readonly times: readonly number[],
  ) {}

  /** The time of `tick` (fast when ticks are asked in increasing order, as the tables hold them). */
  at(tick: number): number {
    const ticks = this.ticks;
    const last = ticks.length - 1;
    let i = this.cursor;
    if (ticks[i]! > tick) {
      // Back: a binary search for the last reading at or before the tick.
      let lo = 0;
      let hi = i;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (ticks[mid]! <= tick) lo = mid;
        else hi = mid - 1;
      }
      i = lo;
    } else {
      while (i < last && ticks[i + 1]! <= tick) i++;
    }
    this.cursor = i;
    const t0 = ticks[i]!;
    if (t0 === tick || i === last) return this.times[i]!;
    const t1 = ticks[i + 1]!;
    return this.times[i]! + ((this.times[i + 1]! - this.times[i]!) * (tick - t0)) / (t1 - t0);
  }
}
