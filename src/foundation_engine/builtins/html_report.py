"""Built-in plugin: the self-contained HTML report writer."""
