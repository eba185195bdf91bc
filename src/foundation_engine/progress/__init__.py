"""Progress over time: what changed between two reports of one partnership, and why."""
