"""The laptop's addresses the phones could reach, read from its network interfaces (ifaddr).

Not the "connect a UDP socket and read getsockname()" trick, which fails with no default route
(an offline travel router), nor gethostbyname(gethostname()), which often answers 127.0.0.1.
Loopback, link-local (169.254/16, no DHCP answered) and the interfaces of containers, virtual
machines and VPNs are left out: a phone on the room's Wi-Fi reaches none of them.
"""

import ipaddress
from dataclasses import dataclass

import ifaddr

VIRTUAL = ("docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "tun", "tap", "wg", "tailscale")
CARRIER_NAT = ipaddress.ip_network("100.64.0.0/10")  # Tailscale and other overlays live here


@dataclass(frozen=True, slots=True)
class Address:
    interface: str
    ip: str


def reachable(interface: str, ip: str) -> bool:
    address = ipaddress.ip_address(ip)
    return not (
        address.is_loopback
        or address.is_link_local
        or address.is_unspecified
        or address in CARRIER_NAT
        or interface.lower().startswith(VIRTUAL)
    )


def lan_addresses() -> list[Address]:
    """The candidates, IPv4 only (a QR code with an IPv6 address is large and rarely reached)."""
    found = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if isinstance(ip.ip, str) and reachable(adapter.nice_name, ip.ip):
                found.append(Address(adapter.nice_name, ip.ip))
    return found
