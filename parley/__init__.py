"""parley: political events from news, every field backed by the article's words."""

__version__ = "0.1.0"
