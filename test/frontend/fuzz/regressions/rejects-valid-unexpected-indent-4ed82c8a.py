async def inner():
    try:
        asyncio.run(coro)
    except RuntimeError as error:
        print("RuntimeError:", error)
try:
    asyncio.run(42)
except ValueError as error:
    print("Value}rror:", error)