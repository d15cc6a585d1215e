"""The reference tools' own numbers for test/evaluation-reference-tools.test.ts.

Reads a JSON file {"pairs": [[hyp, ref], ...], "labels": [...], "classified": [[pred, true], ...],
"declared_outputs": [[pred, true], ...], "subsets": [n, ...]} and prints, as JSON, what sacreBLEU, scikit-learn and SQuAD's evaluation script say.
"""

import collections
import json
import logging
import re
import string
import sys

from sacrebleu.metrics import BLEU, CHRF
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

# BLEU.sentence_score warns that effective_order is off: on purpose, a one-example slice is a one-line corpus.
logging.getLogger("sacrebleu").setLevel(logging.ERROR)


# SQuAD v2.0's official evaluation script (evaluate-v2.0.py), normalize_answer and compute_f1, verbatim.
def normalize_answer(s):
    def remove_articles(text):
        regex = re.compile(r"\b(a|an|the)\b", re.UNICODE)
        return re.sub(regex, " ", text)

    def white_space_fix(text):
        return " ".join(text.split())

    def remove_punc(text):
        exclude = set(string.punctuation)
        return "".join(ch for ch in text if ch not in exclude)

    def lower(text):
        return text.lower()

    return white_space_fix(remove_articles(remove_punc(lower(s))))


def get_tokens(s):
    if not s:
        return []
    return normalize_answer(s).split()


def compute_f1(a_gold, a_pred):
    gold_toks = get_tokens(a_gold)
    pred_toks = get_tokens(a_pred)
    common = collections.Counter(gold_toks) & collections.Counter(pred_toks)
    num_same = sum(common.values())
    if len(gold_toks) == 0 or len(pred_toks) == 0:
        return int(gold_toks == pred_toks)
    if num_same == 0:
        return 0
    precision = 1.0 * num_same / len(pred_toks)
    recall = 1.0 * num_same / len(gold_toks)
    return (2 * precision * recall) / (precision + recall)


def classification(labels, rows):
    # Our rule: outputs and references are compared with the labels after str.strip().
    y_pred = [p.strip() for p, _ in rows]
    y_true = [t.strip() for _, t in rows]
    precision, recall, _, support = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, average=None, zero_division=0
    )
    return {
        "accuracy": accuracy_score(y_true, y_pred),
        "macro_f1": f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0),
        # A use case's rule: the declared labels that occur in its references or outputs.
        "macro_f1_present": f1_score(
            y_true, y_pred, labels=[x for x in labels if x in set(y_true) | set(y_pred)], average="macro"
        ),
        "precision": [float(x) for x in precision],
        "recall": [float(x) for x in recall],
        "support": [int(x) for x in support],
    }


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        data = json.load(f)
    hyps = [h for h, _ in data["pairs"]]
    refs = [r for _, r in data["pairs"]]
    bleu, chrf = BLEU(), CHRF()
    sentences = []
    for h, r in data["pairs"]:
        b = bleu.sentence_score(h, [r])
        sentences.append(
            {
                "bleu": b.score,
                "bleu_stats": [b.sys_len, b.ref_len] + [x for pair in zip(b.counts, b.totals) for x in pair],
                "chrf": chrf.sentence_score(h, [r]).score,
                "token_f1": compute_f1(r, h),
            }
        )
    corpus = {}
    for n in data["subsets"]:
        corpus[str(n)] = {
            "bleu": bleu.corpus_score(hyps[:n], [refs[:n]]).score,
            "chrf": chrf.corpus_score(hyps[:n], [refs[:n]]).score,
        }
    classified = {
        str(n): classification(data["labels"], data["classified"][:n]) for n in data["subsets"]
    }
    declared_outputs = {}
    for n in data["subsets"]:
        rows = data["declared_outputs"][:n]
        y_pred = [p.strip() for p, _ in rows]
        y_true = [t.strip() for _, t in rows]
        # scikit-learn's own choice of labels: every one in y_true or y_pred.
        declared_outputs[str(n)] = {
            "macro_f1": f1_score(y_true, y_pred, average="macro"),
            "labels": len(set(y_true) | set(y_pred)),
        }
    json.dump(
        {"sentences": sentences, "corpus": corpus, "classified": classified, "declared_outputs": declared_outputs},
        sys.stdout,
    )


main()
