"""Limits on input, in a module of its own so that the CLI can name them without
importing the readers."""

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # the largest YAML or JSON file read (--max-file-size)
