async def stubborn():
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                
    print("stubborn swallowed the cancellation")