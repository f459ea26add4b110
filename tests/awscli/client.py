#!/usr/bin/python3 -IS
"""client.py ARGS... (installed as `aws`): runs `aws ARGS...` in server.py
(CA_AWSCLI_SERVER names its socket) with this process's standard streams,
folder and environment, and exits with its exit code."""
import json
import os
import socket
import struct
import sys

s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
try:
    s.connect(os.environ["CA_AWSCLI_SERVER"])
    data = json.dumps({"argv": sys.argv[1:], "cwd": os.getcwd(), "env": dict(os.environ)}).encode()
    socket.send_fds(s, [struct.pack("!I", len(data))], [0, 1, 2])
    s.sendall(data)
    rc = b""
    while len(rc) < 4:
        x = s.recv(4 - len(rc))
        if not x:
            break
        rc += x
except (OSError, KeyError) as e:
    sys.stderr.write("aws (tests/awscli/client.py): no server: %s\n" % e)
    sys.exit(255)
if len(rc) < 4:
    sys.stderr.write("aws (tests/awscli/client.py): the server ended the call\n")
    sys.exit(255)
sys.exit(struct.unpack("!i", rc)[0])
