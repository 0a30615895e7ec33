import unittest
from unittest import mock


class EmailService:
    def send(self, to, subject, body):
        raise RuntimeError("no network in tests")


class Newsletter:
    def __init__(self, service, subscribers):
        self.service = service
        self.subscribers = subscribers

    def publish(self, title):
        sent = 0
        for address in self.subscribers:
            if "@" not in address:
                continue
            self.service.send(address, title, f"New issue: {title}")
            sent += 1
        return sent


class NewsletterTest(unittest.TestCase):
    def setUp(self):
        self.service = mock.Mock(spec_set=None)
        self.letter = Newsletter(self.service, ["a@x.org", "broken", "b@y.org"])

    def test_counts(self):
        self.assertEqual(self.letter.publish("Spring"), 2)
        self.assertEqual(self.service.send.call_count, 2)

    def test_calls(self):
        self.letter.publish("Summer")
        self.service.send.assert_any_call("b@y.org", "Summer", "New issue: Summer")
        self.service.send.assert_has_calls([
            mock.call("a@x.org", "Summer", "New issue: Summer"),
            mock.call("b@y.org", "Summer", "New issue: Summer"),
        ])
        self.assertEqual(self.service.send.call_args.args[0], "b@y.org")

    def test_failure_propagates(self):
        self.service.send.side_effect = ConnectionError("down")
        with self.assertRaises(ConnectionError):
            self.letter.publish("Autumn")
        self.service.send.assert_called_once()

    def test_wrong_expectation(self):
        self.letter.publish("Winter")
        with self.assertRaises(AssertionError) as cm:
            self.service.send.assert_called_with("a@x.org", "Winter", "New issue: Winter")
        self.assertIn("Actual: send('b@y.org'", str(cm.exception))
        self.fail(str(cm.exception))

    @mock.patch.object(EmailService, "send", return_value=None)
    def test_real_service_patched(self, send):
        letter = Newsletter(EmailService(), ["z@z.z"])
        self.assertEqual(letter.publish("Patched"), 1)
        send.assert_called_once_with("z@z.z", "Patched", "New issue: Patched")


if __name__ == "__main__":
    unittest.main(verbosity=2)
