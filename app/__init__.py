"""summits: meetings between national leaders, from news text to a queryable API."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
