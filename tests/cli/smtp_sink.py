#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
#
# smtp_sink.py - a tiny SMTP server for tests (smtpd left Python in 3.12): listens on
# 127.0.0.1 at a free port, writes the port to PORT_FILE, and stores each message it is
# given as OUT_DIR/N.eml (the envelope's RCPT first, as "X-Rcpt-To:" lines).  It refuses
# every recipient at the domain refused.example with 550.  It writes its own pid to
# PORT_FILE.pid (a launcher may stand between the test and it): stop it by that pid.  It
# also stops by itself once the process that started it is gone.
#
# Usage: smtp_sink.py PORT_FILE OUT_DIR
import os
import socket
import sys


def serve(conn, out_dir, counter):
    f = conn.makefile("rb")
    w = conn.makefile("wb")

    def say(line):
        w.write(line.encode() + b"\r\n")
        w.flush()

    say("220 sink ESMTP")
    rcpts = []
    while True:
        line = f.readline()
        if not line:
            return
        cmd = line.decode(errors="replace").strip()
        verb = cmd[:4].upper()
        if verb in ("EHLO", "HELO"):
            say("250 sink")
        elif verb == "MAIL":
            rcpts = []
            say("250 ok")
        elif verb == "RCPT":
            if "refused.example" in cmd:
                say("550 no such mailbox")
            else:
                rcpts.append(cmd.split(":", 1)[1].strip())
                say("250 ok")
        elif verb == "DATA":
            say("354 go ahead")
            data = []
            while True:
                l = f.readline()
                if not l or l in (b".\r\n", b".\n"):
                    break
                data.append(l[1:] if l.startswith(b"..") else l)
            counter[0] += 1
            path = os.path.join(out_dir, "%d.eml" % counter[0])
            with open(path + ".tmp", "wb") as out:
                for r in rcpts:
                    out.write(b"X-Rcpt-To: " + r.encode() + b"\r\n")
                out.write(b"".join(data))
            os.rename(path + ".tmp", path)
            say("250 queued")
        elif verb == "RSET" or verb == "NOOP":
            say("250 ok")
        elif verb == "QUIT":
            say("221 bye")
            return
        else:
            say("502 not implemented")


def main():
    port_file, out_dir = sys.argv[1], sys.argv[2]
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(8)
    s.settimeout(1.0)
    parent = os.getppid()
    with open(port_file + ".pid", "w") as pf:
        pf.write(str(os.getpid()))
    with open(port_file + ".tmp", "w") as pf:
        pf.write(str(s.getsockname()[1]))
    os.rename(port_file + ".tmp", port_file)
    counter = [0]
    while True:
        try:
            conn, _ = s.accept()
        except socket.timeout:
            if os.getppid() != parent:
                return  # orphaned: the test is gone
            continue
        conn.settimeout(30)
        try:
            serve(conn, out_dir, counter)
        except OSError:
            pass
        finally:
            conn.close()


if __name__ == "__main__":
    main()
