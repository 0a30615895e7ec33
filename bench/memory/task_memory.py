# Memory per pending task: TASKS tasks (argv[1]) each suspended in `await event.wait()`.
# bench/run.mjs runs this with TASKS and with 0 and divides the difference in peak RSS.
import asyncio
import sys

TASKS = int(sys.argv[1]) if len(sys.argv) > 1 else 50000


async def waiter(event, i):
    await event.wait()
    return i


async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event, i)) for i in range(TASKS)]
    await asyncio.sleep(0)
    assert all(not t.done() for t in tasks)
    event.set()
    total = 0
    for t in tasks:
        total += await t
    print("task_memory: %d" % total)


asyncio.run(main())
