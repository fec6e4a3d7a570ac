"""A pyftpdlib server for the Exchange test harness (internal/ftptest).

Run with Debian's /usr/bin/python3 (python3-pyftpdlib, python3-openssl).
"""
import argparse
import logging

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, required=True)
p.add_argument("--pasv", required=True)
p.add_argument("--user", required=True)
p.add_argument("--password", required=True)
p.add_argument("--dir", required=True)
p.add_argument("--cert", required=True)
p.add_argument("--tls", choices=["none", "explicit"], default="none")
p.add_argument("--tls12only", default="false")
a = p.parse_args()

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
auth = DummyAuthorizer()
auth.add_user(a.user, a.password, a.dir, perm="elradfmwMT")

handler = FTPHandler
if a.tls == "explicit":
    from OpenSSL import SSL
    from pyftpdlib.handlers import TLS_FTPHandler

    handler = TLS_FTPHandler
    handler.certfile = a.cert
    handler.tls_control_required = False
    handler.tls_data_required = False
    if a.tls12only == "true":
        handler.ssl_options = (handler.ssl_options or 0) | SSL.OP_NO_TLSv1_3
handler.authorizer = auth
lo, hi = (int(x) for x in a.pasv.split("-"))
handler.passive_ports = range(lo, hi + 1)
handler.masquerade_address = None
handler.banner = "pyftpdlib test server ready"
server = FTPServer(("127.0.0.1", a.port), handler)
server.max_cons = 100
server.serve_forever()
