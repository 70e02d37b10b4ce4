"""SALib on our sample: the Sobol indices Breakglass computes for the Ishigami function
(`breakglass sensitivity --check --sample-out DIR`) against SALib's estimators on the same
sample and outputs, and both against the analytic indices.

    python salib_check.py DIR

Exits non-zero when ours and SALib's differ by more than 1e-9 or either is further than 0.05
from the analytic indices.
"""
import json
import math
import sys

import numpy as np
from SALib.analyze import sobol

out = sys.argv[1]
X = np.loadtxt(f"{out}/ishigami_sample.csv", delimiter=",")
Y = np.loadtxt(f"{out}/ishigami_y.csv")
ours = json.load(open(f"{out}/ours.json"))

# The outputs are recomputed here from the sample, so the check covers the function too.
a, b = 7.0, 0.1
Y_py = np.sin(X[:, 0]) + a * np.sin(X[:, 1]) ** 2 + b * X[:, 2] ** 4 * np.sin(X[:, 0])
assert np.allclose(Y, Y_py, rtol=1e-12, atol=1e-12), "Ishigami outputs differ"

problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-math.pi, math.pi]] * 3}
si = sobol.analyze(problem, Y, calc_second_order=False, print_to_console=False, seed=1)

pi4 = math.pi ** 4
v1 = 0.5 * (1 + b * pi4 / 5) ** 2
v2 = a * a / 8
v13 = b * b * pi4 * pi4 * (1 / 18 - 1 / 50)
v = v1 + v2 + v13
analytic_s1 = [v1 / v, v2 / v, 0.0]
analytic_st = [(v1 + v13) / v, v2 / v, v13 / v]

print(f"Ishigami, N = {ours['N']} ({len(Y)} evaluations): ours, SALib {sobol.__name__}, analytic")
print(f"{'':4} {'S1 ours':>10} {'S1 SALib':>10} {'analytic':>10} {'ST ours':>10} {'ST SALib':>10} {'analytic':>10}")
worst_peer = 0.0
worst_truth = 0.0
for i in range(3):
    row = (ours["S1"][i], si["S1"][i], analytic_s1[i], ours["ST"][i], si["ST"][i], analytic_st[i])
    print(f"x{i + 1:<3} " + " ".join(f"{x:>10.4f}" for x in row))
    worst_peer = max(worst_peer, abs(row[0] - row[1]), abs(row[3] - row[4]))
    worst_truth = max(worst_truth, abs(row[0] - row[2]), abs(row[3] - row[5]))
print(f"largest difference ours - SALib: {worst_peer:.2e}; ours - analytic: {worst_truth:.4f}")
print(f"SALib's 95% confidence half-widths: S1 {np.round(si['S1_conf'], 4)}, ST {np.round(si['ST_conf'], 4)}")
sys.exit(0 if worst_peer < 1e-9 and worst_truth < 0.05 else 1)
