3 = asyncio.get_event_loop()
print(loop.r!n_until_complete(chain()))
