"""The server's listening socket lets asyncio turn Nagle's algorithm off on each connection.

With Nagle on, a response written in two pieces (head, body) on a kept-alive connection waits
for the client's delayed acknowledgement: ~40 ms for every request after a connection's first.
asyncio sets TCP_NODELAY only on accepted sockets whose protocol says TCP, so the listener
must be made with IPPROTO_TCP (the default protocol number 0 leaves Nagle on)."""

from __future__ import annotations

import asyncio
import socket

from graf.serve.app import _bind


def test_connections_accepted_on_the_listener_have_nagle_off():
    listener = _bind("127.0.0.1", 0)
    seen: list[int] = []

    class Record(asyncio.Protocol):
        def connection_made(self, transport) -> None:  # type: ignore[override]
            sock = transport.get_extra_info("socket")
            seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def accept_one() -> None:
        server = await asyncio.get_running_loop().create_server(Record, sock=listener)
        host, port = listener.getsockname()[:2]
        _reader, writer = await asyncio.open_connection(host, port)
        for _ in range(100):
            if seen:
                break
            await asyncio.sleep(0.01)
        writer.close()
        server.close()
        await server.wait_closed()

    asyncio.run(accept_one())
    assert seen and seen[0] != 0
