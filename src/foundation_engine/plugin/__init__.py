"""The plugin seam: hook specifications, the plugin manager, the registry of what plugins supply."""
