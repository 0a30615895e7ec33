def bump():
    global count
def report(): \

