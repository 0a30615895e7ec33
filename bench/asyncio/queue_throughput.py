# A producer and consumers passing items through a bounded asyncio.Queue: one op is one item.
# The first round is the cold figure (a fresh process, before JIT warm-up); the best of
# ROUNDS rounds is the warm one. ITEMS is a real program's size.
import asyncio
import time

ITEMS = 200000
CONSUMERS = 4
ROUNDS = 4


async def producer(q):
    for i in range(ITEMS):
        await q.put(i)
    for _ in range(CONSUMERS):
        await q.put(None)


async def consumer(q):
    count = 0
    while True:
        item = await q.get()
        q.task_done()
        if item is None:
            return count
        count += 1


async def one_round():
    q = asyncio.Queue(maxsize=100)
    start = time.perf_counter()
    consumers = [asyncio.create_task(consumer(q)) for _ in range(CONSUMERS)]
    await producer(q)
    counts = await asyncio.gather(*consumers)
    elapsed = time.perf_counter() - start
    assert sum(counts) == ITEMS
    return ITEMS / elapsed


async def main():
    rates = [await one_round() for _ in range(ROUNDS)]
    print("queue_throughput: %d" % int(max(rates)))
    print("queue_throughput cold: %d" % int(rates[0]))


asyncio.run(main())
