// A FIFO queue with O(1) append and popleft (the loop's `collections.deque` of ready handles).

export class Deque<T> {
  private declare items: (T | undefined)[];
  private declare head: number;

  constructor() {
    this.items = [];
    this.head = 0;
  }

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    // Drop the consumed prefix once it dominates, keeping memory bounded.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }

  *[Symbol.iterator](): Generator<T, void, undefined> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i] as T;
  }
}
