"""The constructive rest protocol, as validated data."""

from crest.protocol.loader import InvalidProtocol, load_protocol, parse_protocol
from crest.protocol.model import VARIANT_NAMES, Protocol, SetupStep, Variant, VariantName

__all__ = [
    "VARIANT_NAMES",
    "InvalidProtocol",
    "Protocol",
    "SetupStep",
    "Variant",
    "VariantName",
    "load_protocol",
    "parse_protocol",
]
