# Many tasks taking turns at `await asyncio.sleep(0)`: one op is one task step.
# The first round is the cold figure (a fresh process, before JIT warm-up); the best of
# ROUNDS rounds is the warm one. TASKS is a real program's size.
import asyncio
import time

TASKS = 50000
STEPS = 10
ROUNDS = 4


async def worker():
    for _ in range(STEPS):
        await asyncio.sleep(0)


async def one_round():
    workers = [worker() for _ in range(TASKS)]
    start = time.perf_counter()
    await asyncio.gather(*workers)
    elapsed = time.perf_counter() - start
    return TASKS * STEPS / elapsed


async def main():
    rates = [await one_round() for _ in range(ROUNDS)]
    print("task_switch: %d" % int(max(rates)))
    print("task_switch cold: %d" % int(rates[0]))


asyncio.run(main())
