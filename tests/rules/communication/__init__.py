"""Tests of the communication rule set (``rules/communication/``)."""
