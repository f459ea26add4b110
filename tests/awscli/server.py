#!/usr/bin/env python3
"""server.py SOCKET -- the AWS CLI, imported once, run once per call.

The import test drives the real AWS CLI (v1) about 150 times; most of each
run's CPU is Python starting and importing awscli and botocore.  This loads
them once, then for every connection (client.py, installed as `aws` on the
test's PATH) forks, takes the caller's standard input, output and error
(passed over the socket), working folder, environment and arguments, and
runs awscli.clidriver.main() -- what the `aws` command itself runs -- in
that fresh child, whose exit code goes back to the caller.  Each call is its
own process (nothing carries over from one call to the next) and its output
is the CLI's own; tests/check_import.c compares some calls with the `aws`
command's, byte for byte.  Exits 3 when awscli cannot be imported (the test
then uses `aws` itself).
"""
import json
import os
import signal
import socket
import struct
import sys

try:
    import awscli
    import awscli.clidriver
except ImportError:
    sys.exit(3)


def recv_exact(c, n):
    b = b""
    while len(b) < n:
        x = c.recv(n - len(b))
        if not x:
            raise EOFError
        b += x
    return b


def handle(c):
    head, fds, _, _ = socket.recv_fds(c, 4, 3)
    if len(head) < 4:
        head += recv_exact(c, 4 - len(head))
    req = json.loads(recv_exact(c, struct.unpack("!I", head)[0]))
    pid = os.fork()
    if pid == 0:
        c.close()
        for i, fd in enumerate(fds):
            os.dup2(fd, i)
            os.close(fd)
        os.chdir(req["cwd"])
        os.environ.clear()
        os.environ.update(req["env"])
        if os.environ.get("LC_CTYPE", "") == "UTF-8":   # as the aws script does
            os.environ["LC_CTYPE"] = "en_US.UTF-8"
        # as importing awscli does (awscli/__init__.py): the caller's
        # AWS_DATA_PATH, then awscli's own data folder
        dp = [os.path.expanduser(os.path.expandvars(x)) for x in os.environ["AWS_DATA_PATH"].split(os.pathsep)] \
            if "AWS_DATA_PATH" in os.environ else []
        os.environ["AWS_DATA_PATH"] = os.pathsep.join(dp + [os.path.join(os.path.dirname(awscli.__file__), "data")])
        sys.argv = ["aws"] + req["argv"]
        try:
            rc = awscli.clidriver.main()
        except SystemExit as e:
            rc = e.code
        except BaseException:
            import traceback
            traceback.print_exc()
            rc = 255
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(rc if isinstance(rc, int) else (0 if rc is None else 1))
    for fd in fds:
        os.close(fd)
    _, st = os.waitpid(pid, 0)
    c.sendall(struct.pack("!i", os.waitstatus_to_exitcode(st)))


def main():
    path = sys.argv[1]
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(path + ".tmp")
    s.listen(64)
    os.rename(path + ".tmp", path)   # the socket appears once it accepts
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)   # handlers reap themselves
    while True:
        c, _ = s.accept()
        if os.fork() == 0:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            s.close()
            code = 0
            try:
                handle(c)
            except Exception:
                code = 1
            os._exit(code)
        c.close()


if __name__ == "__main__":
    main()
