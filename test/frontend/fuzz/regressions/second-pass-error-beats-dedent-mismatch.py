a<b = 1
if 1:
        x
    y
