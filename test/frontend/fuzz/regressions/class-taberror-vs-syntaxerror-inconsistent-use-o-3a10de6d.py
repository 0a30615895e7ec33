async def main():
    try:
            group.create_task(fail_with(ValueError("v2")))
    except* ValueError as eg:
        print("ValueErrors:", [str(e) for e in eg.exceptions])
	except* TypeError as eg: