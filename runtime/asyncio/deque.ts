// A FIFO queue with O(1) append and popleft (the loop's `collections.deque` of ready handles):
// a ring buffer whose capacity doubles when full, so steady use allocates nothing and a burst
// of many entries copies them only at each doubling.

const INITIAL_CAPACITY = 16;

export class Deque<T> {
  private declare items: (T | undefined)[];
  /** Index of the first entry; capacity is always a power of two. */
  private declare head: number;
  /** How many entries it holds (a field, not a getter: the loop and queues read it per step). */
  declare length: number;

  constructor() {
    this.items = new Array<T | undefined>(INITIAL_CAPACITY).fill(undefined);
    this.head = 0;
    this.length = 0;
  }

  push(item: T): void {
    const items = this.items;
    const capacity = items.length;
    if (this.length === capacity) {
      this.grow();
      this.items[this.length++] = item;
      return;
    }
    items[(this.head + this.length) & (capacity - 1)] = item;
    this.length++;
  }

  shift(): T | undefined {
    if (this.length === 0) return undefined;
    const items = this.items;
    const head = this.head;
    const item = items[head];
    items[head] = undefined;
    this.head = (head + 1) & (items.length - 1);
    this.length--;
    return item;
  }

  clear(): void {
    this.items = new Array<T | undefined>(INITIAL_CAPACITY).fill(undefined);
    this.head = 0;
    this.length = 0;
  }

  /** Doubles the capacity, moving the entries to the front in order. */
  private grow(): void {
    const old = this.items;
    const capacity = old.length;
    const items = new Array<T | undefined>(capacity * 2).fill(undefined);
    for (let i = 0; i < capacity; i++) items[i] = old[(this.head + i) & (capacity - 1)];
    this.items = items;
    this.head = 0;
  }

  *[Symbol.iterator](): Generator<T, void, undefined> {
    const items = this.items;
    const mask = items.length - 1;
    for (let i = 0; i < this.length; i++) yield items[(this.head + i) & mask] as T;
  }
}
