"""Baselines for Peel's scam classifier on exactly Peel's split.

Reproduces the split documented in crates/core/src/classifier.rs (Fisher-Yates driven by
SplitMix64 seeded with 0, first 80% for training), then trains and times two scikit-learn
baselines: word 1-2-gram TF-IDF + LogisticRegression (C chosen by 5-fold cross-validation)
and character 2-5-gram TF-IDF + LinearSVC. Prints accuracy, macro-F1 and prediction
throughput (batched, and one message at a time) on one core.
"""
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

MASK = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def peel_split(n):
    order = list(range(n))
    state = 0
    for i in range(n - 1, 0, -1):
        state, value = splitmix64(state)
        j = value % (i + 1)
        order[i], order[j] = order[j], order[i]
    cut = n * 8 // 10
    return order[:cut], order[cut:]


def read(path):
    labels, texts = [], []
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            label, text = line.split("\t", 1)
            labels.append(1 if label == "spam" else 0)
            texts.append(text)
    return labels, texts


def measure(name, model, train_x, train_y, test_x, test_y):
    model.fit(train_x, train_y)
    started = time.perf_counter()
    predicted = model.predict(test_x)
    batched = len(test_x) / (time.perf_counter() - started)
    sample = test_x[:300]
    started = time.perf_counter()
    for text in sample:
        model.predict([text])
    single = len(sample) / (time.perf_counter() - started)
    print(
        f"{name}: accuracy={accuracy_score(test_y, predicted):.4f} "
        f"macro_f1={f1_score(test_y, predicted, average='macro'):.4f} "
        f"batched={batched:.0f}/s one_at_a_time={single:.0f}/s"
    )


def main():
    labels, texts = read(sys.argv[1])
    train, test = peel_split(len(texts))
    train_x, train_y = [texts[i] for i in train], [labels[i] for i in train]
    test_x, test_y = [texts[i] for i in test], [labels[i] for i in test]
    word_lr = GridSearchCV(
        make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), LogisticRegression(max_iter=2000)),
        {"logisticregression__C": [1, 10, 100, 1000]},
        cv=5,
        scoring="f1_macro",
        n_jobs=1,
    )
    measure("sklearn word 1-2 TF-IDF + LogisticRegression", word_lr, train_x, train_y, test_x, test_y)
    char_svm = make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True), LinearSVC(C=1.0)
    )
    measure("sklearn char 2-5 TF-IDF + LinearSVC", char_svm, train_x, train_y, test_x, test_y)


if __name__ == "__main__":
    main()
