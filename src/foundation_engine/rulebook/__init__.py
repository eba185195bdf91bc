"""Rules as data: the rule file's model, loading folders of rules, message templates, rule docs."""
