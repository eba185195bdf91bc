"""Built-in report formats: writer plugins rendering a report as JSON, text, Markdown, HTML, CSV."""
