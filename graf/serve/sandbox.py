"""Take the network away from a query worker process before it opens the store.

pyoxigraph runs SPARQL SERVICE with its own (Rust) HTTP client, so no Python-level socket patch
can stop it. A seccomp filter can: installed by the worker on itself (no privileges needed once
no_new_privs is set), it makes socket(2) fail with EACCES for the internet families (IPv4, IPv6)
and for raw packet sockets, and refuses io_uring (which could open sockets without socket(2)).
Unix sockets stay allowed: the worker talks to the server over an inherited socket pair. The
filter is inherited by every thread and child the worker starts afterwards, and cannot be lifted.
"""

from __future__ import annotations

import ctypes
import platform
import struct
import sys

# seccomp_data: int nr; u32 arch; u64 instruction_pointer; u64 args[6]
_NR_OFFSET, _ARCH_OFFSET, _ARG0_OFFSET = 0, 4, 16
# (audit arch, socket syscall number, io_uring_setup number) per machine
_ARCH = {
    "x86_64": (0xC000003E, 41, 425),
    "aarch64": (0xC00000B7, 198, 425),
}
_DENIED_FAMILIES = (2, 10, 17)  # AF_INET, AF_INET6, AF_PACKET
_EACCES = 13

_LD_W_ABS = 0x20
_JEQ_K = 0x15
_RET_K = 0x06
_ALLOW = 0x7FFF0000
_ERRNO = 0x00050000
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2


def _program(arch: int, nr_socket: int, nr_io_uring: int) -> list[tuple[int, int, int, int]]:
    deny = (_RET_K, 0, 0, _ERRNO | _EACCES)
    allow = (_RET_K, 0, 0, _ALLOW)
    n = len(_DENIED_FAMILIES)
    prog = [
        (_LD_W_ABS, 0, 0, _ARCH_OFFSET),
        (_JEQ_K, 1, 0, arch),            # another ABI (x32, i386 emulation): deny everything below
        deny,
        (_LD_W_ABS, 0, 0, _NR_OFFSET),
        (_JEQ_K, 0, 1, nr_io_uring),
        deny,
        (_JEQ_K, 0, n + 1, nr_socket),   # not socket(2): allow
        (_LD_W_ABS, 0, 0, _ARG0_OFFSET),
    ]
    for i, family in enumerate(_DENIED_FAMILIES):
        prog.append((_JEQ_K, n - i, 0, family))  # jump to the deny after the allow
    prog += [allow, deny]
    return prog


def deny_network() -> str | None:
    """Install the filter on this process; None when it is in force, else why not."""
    if not sys.platform.startswith("linux"):
        return f"no seccomp on {sys.platform}"
    machine = platform.machine()
    if machine not in _ARCH:
        return f"no seccomp filter written for {machine}"
    prog = _program(*_ARCH[machine])
    raw = b"".join(struct.pack("HBBI", *ins) for ins in prog)
    buf = ctypes.create_string_buffer(raw, len(raw))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(len(prog), ctypes.addressof(buf))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return f"prctl(NO_NEW_PRIVS) failed: errno {ctypes.get_errno()}"
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(fprog), 0, 0) != 0:
        return f"seccomp filter refused: errno {ctypes.get_errno()}"
    return None
