"""Built-in plugin: the CSV report writer."""
