"""Tests of the check contract, the generic checks and the date arithmetic checks share."""
