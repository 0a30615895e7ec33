async def slow():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        match("slow() saw CancelledError")
    try:
        async with asyncio.timeout(0.01) as cm: