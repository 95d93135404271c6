"""Numbers for test data that start again at every test.

A builder that numbers what it makes (slugs, codes, titles) takes them from a
``Sequence``; tests/conftest.py resets every sequence before each test, so the data
a test builds never depends on how many tests ran before it (or in what order).
"""

import itertools
import weakref


class Sequence:
    _all = weakref.WeakSet()

    def __init__(self, start=1):
        self.start = start
        self.reset()
        Sequence._all.add(self)

    def __next__(self):
        return next(self._count)

    def __iter__(self):
        return self

    def reset(self):
        self._count = itertools.count(self.start)

    @classmethod
    def reset_all(cls):
        for sequence in cls._all:
            sequence.reset()
