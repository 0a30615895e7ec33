def averager():
    total = 0
    count = 0
    average = None
    while True:
        value = yield average
        if value is None:
            break
        total += value
        count += 1
        average = total / count
    return total, count


def echo():
    try:
        while True:
            try:
                received = yield
                print("got", received)
            except ValueError as e:
                print("handled", e)
    finally:
        print("echo closed")


avg = averager()
next(avg)
for v in [10, 20, 60]:
    print(avg.send(v))
try:
    avg.send(None)
except StopIteration as stop:
    print("result", stop.value)

e = echo()
next(e)
e.send("hello")
e.throw(ValueError("bad"))
e.send("again")
e.close()
print(e.gi_frame is None)


def delegator():
    result = yield from averager()
    print("delegated result", result)


d = delegator()
next(d)
d.send(4)
d.send(8)
try:
    d.send(None)
except StopIteration:
    print("delegator done")
