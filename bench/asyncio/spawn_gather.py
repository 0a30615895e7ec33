# Create many short tasks and gather them: one op is one task created, run and collected.
# The first round is the cold figure (a fresh process, before JIT warm-up); the best of
# ROUNDS rounds is the warm one. TASKS is a real program's size.
import asyncio
import time

TASKS = 50000
ROUNDS = 4


async def job(i):
    return i * 2


async def one_round():
    start = time.perf_counter()
    tasks = [asyncio.create_task(job(i)) for i in range(TASKS)]
    results = await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    assert results[-1] == 2 * (TASKS - 1)
    return len(results) / elapsed


async def main():
    rates = [await one_round() for _ in range(ROUNDS)]
    print("spawn_gather: %d" % int(max(rates)))
    print("spawn_gather cold: %d" % int(rates[0]))


asyncio.run(main())
