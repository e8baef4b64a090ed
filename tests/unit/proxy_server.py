# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A forward HTTP proxy for tests: absolute-form requests (plain HTTP) and CONNECT tunnels (HTTPS).

It records what it was asked (``seen``: method and target) so that a test can prove a request went
through it; it forwards to 127.0.0.1 only.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import select
import socket
import threading

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class _ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):
        pass

    def do_CONNECT(self):  # noqa: N802
        self.server.proxy.record('CONNECT', self.path)
        host, _sep, port = self.path.rpartition(':')
        try:
            upstream = socket.create_connection((host, int(port)), timeout=5)
        except (OSError, ValueError):
            self.send_error(502)
            return
        self.send_response(200, 'Connection established')
        self.end_headers()
        self.close_connection = True
        sockets = [self.connection, upstream]
        try:
            while True:
                readable, _w, _x = select.select(sockets, [], [], 5)
                if not readable:
                    break
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (upstream if sock is self.connection else self.connection).sendall(data)
        except OSError:
            pass
        finally:
            upstream.close()

    def _forward(self):
        self.server.proxy.record(self.command, self.path)
        target = urlsplit(self.path)
        length = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(length) if length else b''
        lines = ['%s %s HTTP/1.1' % (self.command, (target.path or '/') + ('?' + target.query if target.query else ''))]
        for name, value in self.headers.items():
            if name.lower() not in ('proxy-connection', 'connection', 'keep-alive'):
                lines.append('%s: %s' % (name, value))
        lines.append('Connection: close')
        upstream = socket.create_connection((target.hostname, target.port or 80), timeout=5)
        try:
            upstream.sendall(('\r\n'.join(lines) + '\r\n\r\n').encode('latin-1') + body)
            chunks = []
            while True:
                data = upstream.recv(65536)
                if not data:
                    break
                chunks.append(data)
        finally:
            upstream.close()
        self.close_connection = True
        self.wfile.write(b''.join(chunks))

    do_GET = _forward  # noqa: N815
    do_POST = _forward  # noqa: N815


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address):
        pass


class ProxyServer:
    """Start with ``with ProxyServer() as proxy:``; ``proxy.url`` is ``http://127.0.0.1:PORT``."""

    def __init__(self):
        self.seen = []
        self._lock = threading.Lock()
        self._server = _Server(('127.0.0.1', 0), _ProxyHandler)
        self._server.proxy = self
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={'poll_interval': 0.01})
        self._thread.daemon = True

    @property
    def url(self):
        return 'http://127.0.0.1:%d' % self._server.server_address[1]

    def record(self, method, target):
        with self._lock:
            self.seen.append((method, target))

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


def main():
    """``python proxy_server.py``: serve until killed; first line ``listening on URL``, then one line per request."""
    import sys
    import time

    class _Printing(ProxyServer):
        def record(self, method, target):
            super(_Printing, self).record(method, target)
            sys.stdout.write('%s %s\n' % (method, target))
            sys.stdout.flush()

    with _Printing() as proxy:
        sys.stdout.write('listening on %s\n' % proxy.url)
        sys.stdout.flush()
        while True:
            time.sleep(3600)


if __name__ == '__main__':
    main()
