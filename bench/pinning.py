#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Sori authors
# SPDX-License-Identifier: MIT
"""Which cores the server and the load generator run on, for every benchmark script.

By default the server (and each peer in its place) is pinned with `taskset -c` to the first half
of the CPUs this process may use (rounded up), the load generator (or hostile.py and its
clients) to the rest: on 2 cores, the server on CPU 0 and the load generator on CPU 1. Unpinned,
the scheduler moved both between the cores, and the figures measured it more than the server
(issue 19).

    --unpinned or SORI_BENCH_PIN=0           no pinning (the mode of the runs before issue 19)
    --server-cpus 0-1 --loadgen-cpus 2-3     other CPU lists (taskset -c syntax); also
    SORI_BENCH_SERVER_CPUS, SORI_BENCH_LOADGEN_CPUS

With fewer than 2 CPUs or without taskset nothing is pinned, and the description says why.

As a script (for bench/smoke.sh): `pinning.py --shell [options]` prints shell assignments of
server_cpus, loadgen_cpus (empty: unpinned) and pinning (the description).
"""

import argparse
import os
import shlex
import shutil
import sys


def add_arguments(parser):
    """The pinning options, in every benchmark script's argument parser."""
    group = parser.add_argument_group("pinning")
    group.add_argument("--unpinned", action="store_true",
                       help="run the server and the load generator wherever the scheduler puts "
                            "them (also: SORI_BENCH_PIN=0)")
    group.add_argument("--server-cpus", default=os.environ.get("SORI_BENCH_SERVER_CPUS"),
                       help="CPUs for the server, as taskset -c takes them (default: the first "
                            "half of the CPUs, rounded up)")
    group.add_argument("--loadgen-cpus", default=os.environ.get("SORI_BENCH_LOADGEN_CPUS"),
                       help="CPUs for the load generator (default: the other CPUs)")


def cpu_list(cpus):
    """A sorted set of CPUs in taskset -c form, ranges folded: {0, 1, 2, 5} -> "0-2,5"."""
    out = []
    cpus = sorted(cpus)
    i = 0
    while i < len(cpus):
        j = i
        while j + 1 < len(cpus) and cpus[j + 1] == cpus[j] + 1:
            j += 1
        out.append(str(cpus[i]) if i == j else f"{cpus[i]}-{cpus[j]}")
        i = j + 1
    return ",".join(out)


def parse_cpu_list(text):
    """"0-2,5" -> {0, 1, 2, 5}; ValueError when it is not such a list."""
    cpus = set()
    for part in text.split(","):
        part = part.strip()
        first, _, last = part.partition("-")
        first, last = int(first), int(last or first)
        if first < 0 or last < first:
            raise ValueError(f"not a CPU list: {text!r}")
        cpus.update(range(first, last + 1))
    return cpus


class Pinning:
    """Where the server and the load generator run; server and loadgen are None when unpinned."""

    def __init__(self, server=None, loadgen=None, reason=None):
        self.server = server
        self.loadgen = loadgen
        self.reason = reason  # why nothing is pinned

    @property
    def pinned(self):
        return self.server is not None

    def prefix(self, role):
        """The command prefix that pins a process of `role` ("server" or "loadgen")."""
        cpus = self.server if role == "server" else self.loadgen
        return ["taskset", "-c", cpu_list(cpus)] if cpus else []

    def describe(self, loadgen="load generator"):
        if not self.pinned:
            return f"unpinned ({self.reason})"
        return (f"server pinned to CPU {cpu_list(self.server)} (taskset), {loadgen} to CPU "
                f"{cpu_list(self.loadgen)}")


def plan(args):
    """The pinning the options (and the environment) ask for."""
    if args.unpinned or os.environ.get("SORI_BENCH_PIN", "1") == "0":
        return Pinning(reason="--unpinned" if args.unpinned else "SORI_BENCH_PIN=0")
    available = sorted(os.sched_getaffinity(0))
    if len(available) < 2:
        return Pinning(reason=f"only {len(available)} CPU available")
    if not shutil.which("taskset"):
        return Pinning(reason="taskset not found (util-linux)")
    half = (len(available) + 1) // 2
    server = parse_cpu_list(args.server_cpus) if args.server_cpus else set(available[:half])
    if args.loadgen_cpus:
        loadgen = parse_cpu_list(args.loadgen_cpus)
    else:
        loadgen = set(available) - server or set(available[half:])
    if not server <= set(available) or not loadgen <= set(available):
        raise ValueError(f"CPUs {cpu_list(available)} are available here, not "
                         f"{cpu_list((server | loadgen) - set(available))}")
    return Pinning(server, loadgen)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shell", action="store_true", help="print shell assignments")
    add_arguments(parser)
    args = parser.parse_args()
    try:
        pinning = plan(args)
    except ValueError as e:
        parser.error(str(e))
    if args.shell:
        print(f"server_cpus={shlex.quote(cpu_list(pinning.server or []))}")
        print(f"loadgen_cpus={shlex.quote(cpu_list(pinning.loadgen or []))}")
        print(f"pinning={shlex.quote(pinning.describe())}")
    else:
        print(pinning.describe())
    return 0


if __name__ == "__main__":
    sys.exit(main())
