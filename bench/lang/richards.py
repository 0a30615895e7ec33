# A small operating-system scheduler in the style of Richards: tasks exchange packets
# through a scheduler (attribute access, method calls, linked lists, polymorphism).
import time

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * 4

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        tail = queue
        while tail.link is not None:
            tail = tail.link
        tail.link = self
        return queue


class Task:
    def __init__(self, scheduler, ident, priority, queue):
        self.scheduler = scheduler
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.waiting = queue is not None
        self.held = False
        self.runnable = queue is not None

    def ready(self):
        return self.runnable and not self.held

    def take_packet(self):
        packet = self.queue
        self.queue = packet.link
        self.runnable = self.queue is not None
        return packet

    def add_packet(self, packet):
        self.queue = packet.append_to(self.queue)
        self.runnable = True


class IdleTask(Task):
    def __init__(self, scheduler, count):
        super().__init__(scheduler, IDLE, 0, None)
        self.runnable = True
        self.control = 1
        self.count = count

    def run(self, packet):
        self.count -= 1
        if self.count == 0:
            self.runnable = False
            return None
        if self.control & 1 == 0:
            self.control //= 2
            return self.scheduler.release(DEVICE_A)
        self.control = (self.control // 2) ^ 0xD008
        return self.scheduler.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, scheduler, queue):
        super().__init__(scheduler, WORKER, 1000, queue)
        self.destination = HANDLER_A
        self.count = 0

    def run(self, packet):
        if packet is None:
            return self.scheduler.wait()
        self.destination = HANDLER_B if self.destination == HANDLER_A else HANDLER_A
        packet.ident = self.destination
        packet.datum = 0
        for i in range(4):
            self.count = self.count % 26 + 1
            packet.data[i] = self.count
        return self.scheduler.send(packet)


class HandlerTask(Task):
    def __init__(self, scheduler, ident, queue):
        super().__init__(scheduler, ident, 2000 + ident, queue)
        self.work = None
        self.devices = None

    def run(self, packet):
        if packet is not None:
            if packet.kind == "work":
                self.work = packet.append_to(self.work)
            else:
                self.devices = packet.append_to(self.devices)
        if self.work is not None:
            work = self.work
            count = work.datum
            if count >= 4:
                self.work = work.link
                return self.scheduler.send(work)
            if self.devices is not None:
                device = self.devices
                self.devices = device.link
                device.datum = work.data[count]
                work.datum = count + 1
                return self.scheduler.send(device)
        return self.scheduler.wait()


class DeviceTask(Task):
    def __init__(self, scheduler, ident):
        super().__init__(scheduler, ident, 4000 + ident, None)
        self.pending = None

    def run(self, packet):
        if packet is None:
            if self.pending is None:
                return self.scheduler.wait()
            packet, self.pending = self.pending, None
            return self.scheduler.send(packet)
        self.pending = packet
        self.scheduler.hold_count += 1
        return self.scheduler.hold()


class Scheduler:
    def __init__(self):
        self.tasks = []
        self.current = None
        self.hold_count = 0
        self.send_count = 0

    def add(self, task):
        self.tasks.append(task)
        self.tasks.sort(key=lambda t: -t.priority)

    def find(self, ident):
        for task in self.tasks:
            if task.ident == ident:
                return task
        raise KeyError(ident)

    def release(self, ident):
        task = self.find(ident)
        task.held = False
        task.runnable = True
        return task

    def hold(self):
        self.current.held = True
        return None

    def wait(self):
        # a task with packets still queued stays runnable
        self.current.runnable = self.current.queue is not None
        return None

    def send(self, packet):
        self.send_count += 1
        target = self.find(packet.ident)
        packet.ident = self.current.ident
        target.add_packet(packet)
        return target

    def schedule(self):
        while True:
            for task in self.tasks:
                if task.ready():
                    self.current = task
                    packet = task.take_packet() if task.queue is not None else None
                    task.run(packet)
                    break
            else:
                return


def make_queue(count, ident, kind):
    queue = None
    for _ in range(count):
        queue = Packet(queue, ident, kind)
    return queue


def run_once(count):
    s = Scheduler()
    s.add(IdleTask(s, count))
    s.add(WorkerTask(s, make_queue(2, WORKER, "work")))
    s.add(HandlerTask(s, HANDLER_A, make_queue(3, DEVICE_A, "device")))
    s.add(HandlerTask(s, HANDLER_B, make_queue(3, DEVICE_B, "device")))
    s.add(DeviceTask(s, DEVICE_A))
    s.add(DeviceTask(s, DEVICE_B))
    s.schedule()
    return s.send_count, s.hold_count


runs = 20
start = time.perf_counter()
for _ in range(runs):
    result = run_once(2000)
elapsed = time.perf_counter() - start
assert result[0] > 1000, result
print(f"richards: {runs / elapsed:.2f}")
