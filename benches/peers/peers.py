"""The peers' side of the race: NDlib's independent cascade and a plain Python frontier
implementation on Barabasi-Albert graphs, and Mesa's bundled Epstein civil-violence example.
Writes the graphs and seed sets it used, so the Rust side runs on the same inputs.

    python peers.py OUT_DIR [--quick]
"""
import json
import random
import sys
import time

import networkx as nx
import numpy as np

import ndlib.models.ModelConfig as mc
import ndlib.models.epidemics as ep
from mesa.examples.advanced.epstein_civil_violence.agents import Citizen, CitizenState
from mesa.examples.advanced.epstein_civil_violence.model import EpsteinCivilViolence

P = 0.05
M = 5
RUNS = 10
SEEDS_PER_RUN = 10


def write_inputs(out, n, g, seed_sets):
    with open(f"{out}/ba_{n}.csv", "w") as f:
        for a, b in g.edges():
            f.write(f"{a},{b}\n")
    with open(f"{out}/seeds_{n}.csv", "w") as f:
        for run, seeds in enumerate(seed_sets):
            for s in seeds:
                f.write(f"{run},{s}\n")


def edge_evaluations(degree, active):
    # Every activated node tries each of its neighbours once.
    return int(sum(degree[v] for v in active))


def ndlib_run(g, seeds):
    model = ep.IndependentCascadesModel(g)
    cfg = mc.Configuration()
    cfg.add_model_initial_configuration("Infected", list(seeds))
    for e in g.edges():
        cfg.add_edge_configuration("threshold", e, P)
    model.set_initial_status(cfg)
    start = time.perf_counter()
    while True:
        it = model.iteration(node_status=True)
        if it["node_count"].get(1, 0) == 0 and it["iteration"] > 0:
            break
    elapsed = time.perf_counter() - start
    active = [v for v, s in model.status.items() if s != 0]
    return active, elapsed


def frontier_run(adj, seeds, rng):
    """The honest baseline for the algorithm: a queue of newly active nodes, one coin per edge."""
    start = time.perf_counter()
    active = set(seeds)
    frontier = list(seeds)
    rand = rng.random
    while frontier:
        nxt = []
        for u in frontier:
            for v in adj[u]:
                if v not in active and rand() < P:
                    active.add(v)
                    nxt.append(v)
        frontier = nxt
    return list(active), time.perf_counter() - start


def cascades(out, quick):
    results = {}
    for n in ([10_000] if quick else [10_000, 100_000]):
        g = nx.barabasi_albert_graph(n, M, seed=42)
        degree = dict(g.degree())
        rs = np.random.default_rng(7)
        seed_sets = [sorted(int(x) for x in rs.choice(n, SEEDS_PER_RUN, replace=False)) for _ in range(RUNS)]
        write_inputs(out, n, g, seed_sets)
        adj = [list(g.neighbors(v)) for v in range(n)]
        for name, run in (
            ("ndlib", lambda s, r: ndlib_run(g, s)),
            ("python_frontier", lambda s, r: frontier_run(adj, s, random.Random(r))),
        ):
            spreads, evals, seconds = [], 0, 0.0
            for r, seeds in enumerate(seed_sets):
                active, t = run(seeds, r)
                spreads.append(len(active))
                evals += edge_evaluations(degree, active)
                seconds += t
            results[f"{name}_ba{n}"] = {
                "spread_mean": float(np.mean(spreads)),
                "spread_sd": float(np.std(spreads, ddof=1)),
                "edge_evaluations": evals,
                "seconds": seconds,
                "evals_per_second": evals / seconds,
                "runs": len(spreads),
            }
            print(name, n, results[f"{name}_ba{n}"], file=sys.stderr)
    return results


def epstein(quick):
    results = {}
    for size, steps in ((40, 50 if quick else 200), (200, 5 if quick else 20)):
        actives, agent_steps, seconds = [], 0, 0.0
        for seed in range(2 if quick else 3):
            model = EpsteinCivilViolence(width=size, height=size, seed=seed)
            citizens = len(model.agents_by_type[Citizen])
            agents = len(model.agents)
            start = time.perf_counter()
            for _ in range(steps):
                model.step()
                actives.append(model.ACTIVE / citizens)
            seconds += time.perf_counter() - start
            agent_steps += agents * steps
        results[f"mesa_epstein{size}"] = {
            "steps": steps,
            "agent_steps": agent_steps,
            "seconds": seconds,
            "agent_steps_per_second": agent_steps / seconds,
            "active_mean": float(np.mean(actives)),
            "active_peak": float(np.max(actives)),
        }
        print("mesa", size, results[f"mesa_epstein{size}"], file=sys.stderr)
    return results


if __name__ == "__main__":
    out = sys.argv[1]
    quick = "--quick" in sys.argv
    doc = {"cascades": cascades(out, quick), "epstein": epstein(quick)}
    with open(f"{out}/peers.json", "w") as f:
        json.dump(doc, f, indent=1)
