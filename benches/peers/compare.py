"""Print the race's table: rates, ratios, and whether the outputs agree within sampling error."""
import json
import math
import sys

out = sys.argv[1]
peers = json.load(open(f"{out}/peers.json"))
ours = json.load(open(f"{out}/breakglass.json"))
rows = []
ok = True
for key, b in ours["cascades"].items():
    n = key.split("ba")[1]
    for peer in ("ndlib", "python_frontier"):
        p = peers["cascades"][f"{peer}_ba{n}"]
        se = math.sqrt(b["spread_sd"] ** 2 / b["runs"] + p["spread_sd"] ** 2 / p["runs"])
        z = abs(b["spread_mean"] - p["spread_mean"]) / se if se > 0 else 0.0
        agree = z < 3.0
        ok &= agree
        rows.append((f"IC BA n={n} m=5 p=0.05", peer, f"{p['evals_per_second']:.3g}", f"{b['evals_per_second']:.3g}",
                     f"{b['evals_per_second'] / p['evals_per_second']:.0f}x",
                     f"{p['spread_mean']:.1f} vs {b['spread_mean']:.1f} (z={z:.2f})"))
for size in ("40", "200"):
    p = peers["epstein"][f"mesa_epstein{size}"]
    b = ours["epstein"][f"breakglass_epstein{size}"]
    rows.append((f"Epstein {size}x{size}", "mesa", f"{p['agent_steps_per_second']:.3g}", f"{b['agent_steps_per_second']:.3g}",
                 f"{b['agent_steps_per_second'] / p['agent_steps_per_second']:.0f}x",
                 f"active mean {p['active_mean']:.4f} vs {b['active_mean']:.4f}, peak {p['active_peak']:.4f} vs {b['active_peak']:.4f}"))
print("| workload | peer | peer rate /s | Breakglass rate /s | ratio | outputs |")
print("| --- | --- | --- | --- | --- | --- |")
for r in rows:
    print("| " + " | ".join(r) + " |")
print("\nspread distributions agree within sampling error" if ok else "\nWARNING: spreads disagree")
sys.exit(0 if ok else 1)
