"""pytest plugin: fixtures for testing foundation-engine rules and plugins."""
