#!/usr/bin/env python3
"""Writes a declarations directory and a state root for the plan benchmark.

Usage: make-host.py OUT_DIR COUNT REVISION

OUT_DIR/declarations gets COUNT declarations; OUT_DIR/state gets COUNT containers built
from them as the shell tool lays them out, with an agent inventory. One container in ten
has a changed properties.json in the repository and one in fifty a changed config.nix, so
the plan has rebuilds to explain as well as unchanged containers.
"""
import hashlib
import json
import os
import sys


def sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def hash_with(data: bytes, salt: str) -> str:
    return sha1((salt + "-" + sha1(data) + "\n").encode())


def main() -> None:
    out, count, revision = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    env = "x86_64-linux-" + revision
    declarations = os.path.join(out, "declarations")
    containers = os.path.join(out, "state", "containers")
    inventory = []
    for i in range(count):
        cid = "svc-%04d" % i
        config = ('{ properties, lib, ... }: {\n  caps_allow = [ "CAP_NET_BIND_SERVICE" ];\n'
                  '  network.interfaces.veth = { ip4 = properties.ip4; hostIp4 = properties.hostIp4; };\n'
                  '  config = { services.nginx.enable = true; system.stateVersion = "25.11"; };\n}\n').encode()
        props = {"id": cid, "ip4": "10.%d.%d.2/31" % (i // 250, i % 250), "hostIp4": "10.%d.%d.1/31" % (i // 250, i % 250),
                 "db": {"password": "p-%d" % i, "name": "app%d" % i}}
        props_bytes = (json.dumps(props, indent=2) + "\n").encode()

        built_config = config
        built_props = props_bytes
        if i % 10 == 0:
            changed = dict(props, ip4="10.99.%d.2/31" % (i % 250))
            built_props = (json.dumps(changed, indent=2) + "\n").encode()
        if i % 50 == 1:
            built_config = config.replace(b"nginx", b"httpd")

        ddir = os.path.join(declarations, cid)
        os.makedirs(ddir, exist_ok=True)
        with open(os.path.join(ddir, "config.nix"), "wb") as f:
            f.write(config)
        with open(os.path.join(ddir, "properties.json"), "wb") as f:
            f.write(props_bytes)

        unit_hash = hash_with(built_props, hash_with(built_config, env))
        cdir = os.path.join(containers, cid)
        os.makedirs(os.path.join(cdir, "root", "nix", "store"), exist_ok=True)
        for name, data in ((".complete", built_config), ("configuration.nix", built_config),
                           ("parameters.json", built_props), (".unit_hash", (unit_hash + "\n").encode())):
            with open(os.path.join(cdir, name), "wb") as f:
                f.write(data)
        inventory.append({"id": cid, "origin": "CREATED", "unitHash": unit_hash,
                          "fingerprint": {"system": "x86_64-linux", "nixpkgsRevision": revision, "modules": {}},
                          "commit": None, "updatedAt": "2026-12-01T00:00:00Z"})

    agent = os.path.join(out, "state", "agent")
    os.makedirs(agent, exist_ok=True)
    with open(os.path.join(agent, "inventory.json"), "w") as f:
        json.dump({"formatVersion": 1, "containers": inventory}, f)


if __name__ == "__main__":
    main()
