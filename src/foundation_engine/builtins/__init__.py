"""Built-in plugins. Each module here implements hooks exactly as a third-party plugin would."""
