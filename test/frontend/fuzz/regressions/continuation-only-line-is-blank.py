async def main():
    tasks = [
    ]
 \

 \
# comment
asyncio.run(main())
