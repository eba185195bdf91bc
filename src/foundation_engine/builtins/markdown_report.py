"""Built-in plugin: the Markdown report writer."""
