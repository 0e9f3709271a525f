"""What a phone at home needs to reach `serve`: the machine's LAN address and a sign-in QR code."""

from __future__ import annotations

import ipaddress
import socket


def lan_address() -> str | None:
    """This machine's address on the home network (the one its default route uses), if any.

    Connecting a UDP socket sends nothing; it only asks the kernel which source address it would
    use.
    """
    for probe in ("192.168.0.1", "10.0.0.1", "172.16.0.1"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.connect((probe, 9))
                address = str(s.getsockname()[0])
        except OSError:
            continue
        if not ipaddress.ip_address(address).is_loopback and address != "0.0.0.0":
            return address
    return None


def phone_host(host: str) -> str | None:
    """The host a phone should open: the LAN address for a wildcard bind, else the bound host."""
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host  # a name the user chose
    if ip.is_unspecified:
        return lan_address()
    return str(ip)


def qr_text(url: str) -> str:
    """A QR code of `url` drawn with block characters for a terminal."""
    import io

    import segno

    buf = io.StringIO()
    segno.make(url, error="m").terminal(out=buf, compact=True)
    return buf.getvalue()
