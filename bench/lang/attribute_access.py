# Attribute reads and writes on instances of user classes: a particle update loop and a
# linked-list walk. One op is one particle step or one node visited.
# The best of REPEAT rounds is reported (steadier on a busy machine, and past JIT warm-up).
import time

PARTICLES = 200
STEPS = 200
NODES = 20000
REPEAT = 5


class Particle:
    def __init__(self, x, y, dx, dy):
        self.x = x
        self.y = y
        self.dx = dx
        self.dy = dy

    def step(self):
        self.x = self.x + self.dx
        self.y = self.y + self.dy
        if self.x < 0.0 or self.x > 100.0:
            self.dx = -self.dx
        if self.y < 0.0 or self.y > 100.0:
            self.dy = -self.dy


class Node:
    def __init__(self, value, next):
        self.value = value
        self.next = next


def walk(head):
    total = 0.0
    count = 0
    node = head
    while node is not None:
        total = total + node.value
        count = count + 1
        node = node.next
    return count


def main():
    best = 0.0
    head = None
    for i in range(NODES):
        head = Node(i * 0.5, head)
    for _ in range(REPEAT):
        start = time.perf_counter()
        particles = [Particle(i * 0.5, i * 0.25, 0.7, -0.3) for i in range(PARTICLES)]
        ops = 0
        for _ in range(STEPS):
            for p in particles:
                p.step()
            ops += walk(head) // 100
        ops += PARTICLES * STEPS
        elapsed = time.perf_counter() - start
        best = max(best, ops / elapsed)
    print("attribute_access: %d" % int(best))


main()
