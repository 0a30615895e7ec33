class EventBus:
    def __init__(self):
        self.handlers = {}

    def subscribe(self, event, handler):
        self.handlers.setdefault(event, []).append(handler)

    def unsubscribe(self, event, handler):
        self.handlers[event].remove(handler)

    def publish(self, event, *args, **kwargs):
        for handler in self.handlers.get(event, []):
            handler(*args, **kwargs)


class Logger:
    def __init__(self, prefix):
        self.prefix = prefix
        self.lines = []

    def log(self, message, level="info"):
        self.lines.append(f"{self.prefix}[{level}] {message}")


class Stats:
    def __init__(self):
        self.count = 0

    def bump(self, *args, **kwargs):
        self.count += 1


bus = EventBus()
logger = Logger("app")
stats = Stats()
bus.subscribe("msg", logger.log)
bus.subscribe("msg", stats.bump)
bus.subscribe("msg", lambda m, **kw: print("lambda got", m, kw))
bus.publish("msg", "hello")
bus.publish("msg", "disk full", level="warn")
bus.unsubscribe("msg", stats.bump)
bus.publish("msg", "bye")
print(logger.lines, stats.count)
print(logger.log == logger.log, logger.log.__self__.prefix, logger.log.__func__.__name__)
print([h.__name__ for h in bus.handlers["msg"]])
