"""scipy's numbers for test/drift-statistics.test.ts, computed as Evidently's default drift tests call scipy.

Reads a JSON file {"ks": [[a, b], ...], "wasserstein": [[reference, current], ...], "js": [[p, q], ...],
"chisquare": [[reference counts, current counts], ...], "z": [[reference counts, current counts], ...],
"chi2": [[statistic, df], ...]} and prints the results as JSON (chi-square tails in log space from mpmath).
"""

import json
import math
import sys

import mpmath
import numpy as np
from scipy import stats
from scipy.spatial import distance


def wasserstein_norm(reference, current):
    # Evidently's wasserstein_distance_norm: the population standard deviation, floored at 0.001.
    norm = max(float(np.std(reference)), 0.001)
    return stats.wasserstein_distance(reference, current) / norm


def chisquare(reference, current):
    # Evidently's chisquare_stattest: expected = reference counts scaled to the current total.
    k_norm = sum(current) / sum(reference)
    with np.errstate(divide="ignore", invalid="ignore"):
        result = stats.chisquare(current, [r * k_norm for r in reference])
    statistic = float(result.statistic)
    # JSON has no infinity: a category the reference never had is written as null.
    return {"statistic": statistic if math.isfinite(statistic) else None, "p": float(result.pvalue)}


def z_test(reference, current):
    # Evidently's z_stattest: the share of "not the first category" on each side, pooled, two-sided.
    n1, n2 = sum(reference), sum(current)
    p1, p2 = reference[1] / n1, current[1] / n2
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    # Evidently writes 2 * (1 - norm.cdf(|z|)), which is 0 beyond |z| ≈ 8.3; the survival function is the same law.
    return {"z": z, "p": float(2 * stats.norm.sf(abs(z))), "evidently_p": float(2 * (1 - stats.norm.cdf(abs(z))))}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        data = json.load(f)
    out = {
        "ks": [
            {"d": float(r.statistic), "p": float(r.pvalue)}
            for r in (stats.ks_2samp(a, b) for a, b in data["ks"])
        ],
        "wasserstein": [wasserstein_norm(r, c) for r, c in data["wasserstein"]],
        # scipy's default base is e; it normalises p and q itself.
        "js": [float(distance.jensenshannon(p, q)) for p, q in data["js"]],
        "chisquare": [chisquare(r, c) for r, c in data["chisquare"]],
        "z": [z_test(r, c) for r, c in data["z"]],
        # scipy's chi2.logsf is -inf where sf underflows; mpmath's upper incomplete gamma has the far tail.
        "chi2": [
            {
                "sf": float(stats.chi2.sf(x, df)),
                "logsf": float(mpmath.log(mpmath.gammainc(df / 2, x / 2, mpmath.inf, regularized=True))),
            }
            for x, df in data["chi2"]
        ],
    }
    json.dump(out, sys.stdout)


main()
