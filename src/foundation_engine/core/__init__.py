"""The assessment core: configuration, phases, the engine, waivers, scoring, the rule budget."""
