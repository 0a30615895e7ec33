try:
    try:
        x
    except E:
        pass
else:
    pass
