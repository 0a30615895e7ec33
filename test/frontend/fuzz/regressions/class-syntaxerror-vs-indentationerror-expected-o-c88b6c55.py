async def main():
    try:1
        await task