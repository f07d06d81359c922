"""Which `Host` headers the preview answers: the address it listens on, and nothing a web page can forge.

A page on any website can make the browser send requests to 127.0.0.1, and through DNS rebinding
(a name of the attacker's that first points at their server, then at 127.0.0.1) even read the
answers, under the attacker's name. The `Host` header still carries that name, so the preview
answers only requests for the address it is bound to: on loopback also `localhost`, `127.0.0.1`
and `[::1]`; bound to every interface (0.0.0.0 or ::) also any IP address and this machine's own
name, which no website controls. Always at the port it listens on.
"""

from __future__ import annotations

import ipaddress
import socket

from tornado.httputil import split_host_and_port

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def _ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


def is_loopback(host: str) -> bool:
    """Return whether an address to listen on reaches this machine only."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    ip = _ip(host)
    return ip is not None and ip.is_loopback


def is_wildcard(host: str) -> bool:
    """Return whether an address to listen on means every interface (0.0.0.0, ::, or none given)."""
    ip = _ip(host.strip("[]"))
    return host == "" or (ip is not None and ip.is_unspecified)


class HostCheck:
    """Decides whether a request's `Host` header names the server it reached."""

    def __init__(self, bound: str, port: int) -> None:
        self.port = port
        bound = bound.strip("[]").lower()
        self.wildcard = is_wildcard(bound)
        self.names = {bound}
        if is_loopback(bound) or self.wildcard:
            self.names |= LOOPBACK_NAMES
        if self.wildcard:
            self.names |= {socket.gethostname().lower(), socket.getfqdn().lower()}

    def allows(self, header: str | None) -> bool:
        """Return whether a `Host` header value is one this server answers to."""
        if not header or len(header) > 255:
            return False
        name, port = split_host_and_port(header.strip().lower())
        if (port if port is not None else 80) != self.port:
            return False
        if name.endswith("."):  # "localhost." is localhost
            name = name[:-1]
        name = name.strip("[]") if name.startswith("[") and name.endswith("]") else name
        if name in self.names:
            return True
        return self.wildcard and _ip(name) is not None

    def same_origin(self, origin: str | None, host: str | None) -> bool:
        """Return whether a WebSocket's `Origin` is a page of this very server (http, same host)."""
        if not origin or not host or not self.allows(host):
            return False
        return origin.lower() == f"http://{host.strip().lower()}"
