"""The reference tools' own numbers for test/evaluation-judge.test.ts.

Reads a JSON file {"sign": [[wins, losses], ...], "kappa": [[[labels a], [labels b]], ...]} and prints, as JSON,
scipy.stats.binomtest's two-sided p-value for each sign test and sklearn.metrics.cohen_kappa_score for each pair.
"""

import json
import math
import sys
import warnings

from scipy.stats import binomtest
from sklearn.metrics import cohen_kappa_score

with open(sys.argv[1], encoding="utf-8") as f:
    data = json.load(f)

sign = [binomtest(w, w + l, 0.5, alternative="two-sided").pvalue if w + l else 1.0 for w, l in data["sign"]]
kappas = []
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    for a, b in data["kappa"]:
        k = cohen_kappa_score(a, b)
        kappas.append(None if math.isnan(k) else k)
print(json.dumps({"sign": sign, "kappa": kappas}))
