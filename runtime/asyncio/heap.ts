// A binary min-heap with the exact sift steps of Python's `heapq`, so handles that compare
// equal (timers with the same `when`) come out in the same order as in CPython.

/** `a < b` for the heap's items (TimerHandle compares `when` only, as CPython's does). */
export type Less<T> = (a: T, b: T) => boolean;

/** Moves the item at `pos` up towards `start` while it is smaller than its parent. */
function siftDown<T>(heap: T[], start: number, pos: number, less: Less<T>): void {
  const item = heap[pos]!;
  while (pos > start) {
    const parentPos = (pos - 1) >> 1;
    const parent = heap[parentPos]!;
    if (!less(item, parent)) break;
    heap[pos] = parent;
    pos = parentPos;
  }
  heap[pos] = item;
}

/** Moves the smaller child up until a leaf is reached, then sifts the item back down. */
function siftUp<T>(heap: T[], pos: number, less: Less<T>): void {
  const end = heap.length;
  const start = pos;
  const item = heap[pos]!;
  let child = 2 * pos + 1;
  while (child < end) {
    const right = child + 1;
    if (right < end && !less(heap[child]!, heap[right]!)) child = right;
    heap[pos] = heap[child]!;
    pos = child;
    child = 2 * pos + 1;
  }
  heap[pos] = item;
  siftDown(heap, start, pos, less);
}

export function heappush<T>(heap: T[], item: T, less: Less<T>): void {
  heap.push(item);
  siftDown(heap, 0, heap.length - 1, less);
}

export function heappop<T>(heap: T[], less: Less<T>): T {
  const last = heap.pop();
  if (last === undefined) throw new RangeError("pop from an empty heap");
  if (heap.length === 0) return last;
  const top = heap[0]!;
  heap[0] = last;
  siftUp(heap, 0, less);
  return top;
}

export function heapify<T>(heap: T[], less: Less<T>): void {
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftUp(heap, i, less);
}
