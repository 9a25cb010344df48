"""The official Python driver's side of `cargo bench --bench network`.

Usage: network.py URI USER PASSWORD DATABASE OP ROUNDS
Runs OP once to warm up, prints `ready`, waits for a line on stdin, runs OP ROUNDS times
printing each latency in seconds, then prints `done`.
"""
import sys
import time

from neo4j import GraphDatabase

uri, user, password, database, op, rounds = sys.argv[1:7]
rounds = int(rounds)
driver = GraphDatabase.driver(uri, auth=(user, password))
rows = [{"id": i, "name": f"n{i}", "score": i / 2} for i in range(10_000)]


def read_one(session):
    return session.run("RETURN 1 AS x").single()


def run(op):
    with driver.session(database=database) as session:
        if op == "read":
            read_one(session)
        elif op == "read_tx":
            session.execute_read(lambda tx: tx.run("RETURN 1 AS x").single())
        elif op == "write_tx":
            session.execute_write(lambda tx: tx.run("CREATE (n:NetRow {id: -1})").consume())
        elif op == "batch":
            session.run(
                "UNWIND $rows AS row CREATE (n:NetRow) SET n = row", rows=rows
            ).consume()
        else:
            raise SystemExit(f"unknown op {op}")


run(op)
print("ready", flush=True)
sys.stdin.readline()
for _ in range(rounds):
    started = time.perf_counter()
    run(op)
    print(time.perf_counter() - started, flush=True)
print("done", flush=True)
driver.close()
