import unittest


class Stack:
    def __init__(self):
        self._items = []

    def push(self, item):
        self._items.append(item)

    def pop(self):
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()

    def peek(self):
        return self._items[-1]

    def __len__(self):
        return len(self._items)

    def is_empty(self):
        return len(self) == 0


class TestStack(unittest.TestCase):
    def setUp(self):
        self.stack = Stack()

    def test_new_stack_is_empty(self):
        self.assertTrue(self.stack.is_empty())
        self.assertEqual(len(self.stack), 0)

    def test_push_then_pop(self):
        self.stack.push(1)
        self.stack.push(2)
        self.assertEqual(self.stack.pop(), 2)
        self.assertEqual(self.stack.pop(), 1)

    def test_pop_empty_raises(self):
        with self.assertRaises(IndexError):
            self.stack.pop()

    def test_peek(self):
        self.stack.push("a")
        self.assertEqual(self.stack.peek(), "a")
        self.assertEqual(len(self.stack), 1)

    def test_peek_empty(self):
        self.stack.peek()

    def test_many(self):
        for i in range(5):
            self.stack.push(i)
        self.assertListEqual(self.stack._items, [0, 1, 2, 3, 5])


def fizzbuzz(n):
    if n % 15 == 0:
        return "FizzBuzz"
    if n % 3 == 0:
        return "Fizz"
    if n % 5 == 0:
        return "Buzz"
    return str(n)


class TestFizzBuzz(unittest.TestCase):
    def test_values(self):
        cases = {1: "1", 3: "Fizz", 5: "Buzz", 15: "FizzBuzz", 9: "Fizz", 10: "Buzz"}
        for n, expected in cases.items():
            with self.subTest(n=n):
                self.assertEqual(fizzbuzz(n), expected)

    def test_range(self):
        result = [fizzbuzz(i) for i in range(1, 16)]
        self.assertEqual(result[-1], "FizzBuzz")
        self.assertIn("Fizz", result)
        self.assertNotIn("Bazz", result)
        self.assertEqual(result.count("Fizz"), 4)


if __name__ == "__main__":
    unittest.main(verbosity=2)
