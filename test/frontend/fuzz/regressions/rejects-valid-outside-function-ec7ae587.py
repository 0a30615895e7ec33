async def main():
    await asyncio.sleep(0)
    \
second = asyncio.create_task(waiter(lock, "second", log))
    await asyncio.sleep(0)