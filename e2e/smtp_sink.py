"""A real SMTP server for the tests of Kanssa's mail (aiosmtpd): keeps each message it accepts
as a file, offers STARTTLS with a certificate from a throw-away authority (trustme) and asks for
a user name and password, as a city's relay would.

    python smtp_sink.py FOLDER [--no-tls] [--user U --password P]

Writes FOLDER/ca.pem (the authority to trust) and then FOLDER/ready (holding the port); each
message becomes FOLDER/<n>.eml with FOLDER/<n>.envelope (sender and recipients). Runs until
stopped.
"""

import argparse
import os
import signal
import socket
import ssl
import time

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Keep:
    def __init__(self, folder):
        self.folder = folder

    async def handle_DATA(self, server, session, envelope):
        name = os.path.join(self.folder, str(time.time_ns()))
        with open(name + ".envelope", "w") as f:
            f.write("\n".join([envelope.mail_from] + list(envelope.rcpt_tos)))
        with open(name + ".part", "wb") as f:
            f.write(envelope.original_content)
        os.rename(name + ".part", name + ".eml")
        return "250 Kept"


def checker(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode()
              and auth_data.password == password.encode())
        # Not "handled": aiosmtpd then answers 535 itself.
        return AuthResult(success=ok, handled=False)
    return check


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--no-tls", action="store_true")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()

    options = {}
    if not args.no_tls:
        authority = trustme.CA()
        authority.cert_pem.write_to_path(os.path.join(args.folder, "ca.pem"))
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        authority.issue_cert("localhost").configure_cert(context)
        options.update(tls_context=context, require_starttls=True)
    if args.user:
        options.update(authenticator=checker(args.user, args.password), auth_require_tls=not args.no_tls)
    port = free_port()
    controller = Controller(Keep(args.folder), hostname="127.0.0.1", port=port, **options)
    controller.start()
    with open(os.path.join(args.folder, "ready.part"), "w") as f:
        f.write(str(port))
    os.rename(os.path.join(args.folder, "ready.part"), os.path.join(args.folder, "ready"))

    # Every message is on disk before it is acknowledged: stopping need not wait for anything.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    signal.signal(signal.SIGINT, lambda *_: os._exit(0))
    while True:
        time.sleep(1)


if __name__ == "__main__":
    main()
