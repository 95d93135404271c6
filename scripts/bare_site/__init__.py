"""A bare Django site, the reference that scripts/bench.py measures the portal
against: one ≈10 KB template page, Django's default middleware, no database."""
