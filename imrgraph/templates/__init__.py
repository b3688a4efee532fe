"""The Jinja2 templates of the pages imrgraph writes and serves, and their environment (pages.py)."""
