import asyncio

async def worker(name, q):
    while True:
        item = await q.get()
        try:
            await asyncio.sleep(item)
        finally:
            q.task_done()

async def main():
    q = asyncio.Queue()
    tasks = [asyncio.create_task(worker(f"w{i}", q)) for i in range(3)]
    async with asyncio.timeout(10):
        results = await asyncio.gather(*tasks, return_exceptions=True)
    async for x in agen():
        print(x)
    return results

async def agen():
    for i in range(3):
        yield i
        await asyncio.sleep(0)

if __name__ == "__main__":
    asyncio.run(main())
