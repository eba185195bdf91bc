"""The partnership state: its model, vocabulary, validation and integrity checks."""

from foundation_engine.state.model import (
    CURRENT_SCHEMA_VERSION,
    SUPPORTED_SCHEMA_VERSIONS,
    PartnershipState,
    metric_family,
)
from foundation_engine.state.validation import validate_state

__all__ = [
    "CURRENT_SCHEMA_VERSION",
    "SUPPORTED_SCHEMA_VERSIONS",
    "PartnershipState",
    "metric_family",
    "validate_state",
]
