#!/usr/bin/env python3
"""Times several commands in alternating rounds: each round runs every command once, in an
order that flips from one round to the next (A B C, then C B A), so that a machine's drift
and the order they run in fall on all of them alike. Prints the median wall, user and
system time of each command.

Usage: python3 bench/abba.py ROUNDS "COMMAND ARGS..." ["COMMAND ARGS..." ...]
Each command is split on spaces; its output goes to /dev/null.
"""
import os
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    commands = [c.split() for c in sys.argv[2:]]
    runs = [[] for _ in commands]
    for r in range(rounds):
        order = list(range(len(commands)))
        if r % 2:
            order.reverse()
        for i in order:
            start = time.perf_counter()
            p = subprocess.Popen(commands[i], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(p.pid, 0)
            if status != 0:
                sys.exit(f"{' '.join(commands[i])} failed: {status}")
            runs[i].append((time.perf_counter() - start, usage.ru_utime, usage.ru_stime))
    for command, times in zip(commands, runs):
        wall, user, sys_ = (statistics.median(t[k] for t in times) * 1000 for k in range(3))
        print(f"{wall:7.1f} ms wall  {user:6.1f} user  {sys_:6.1f} sys  {' '.join(command)}")


if __name__ == "__main__":
    main()
