"""Built-in plugin: the plain-text report writer (the CLI's default format)."""
