"""Network addresses: which hosts name this computer, and which addresses are safe to send a password to."""

import ipaddress
from urllib.parse import urlsplit


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def crosses_the_network_unencrypted(url: str) -> bool:
    """A plain http:// address of another computer: what is sent there can be read on the way."""
    parts = urlsplit(url)
    return parts.scheme == "http" and not is_loopback(parts.hostname or "")
