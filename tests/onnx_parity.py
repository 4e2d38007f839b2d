#!/usr/bin/env python3
"""The committed model is standard ONNX: it passes the reference `onnx` checker and
onnxruntime gives the same probabilities as tract (within 1e-5) on the fixed
messages dumped by `shopkeep parity-dump`.

usage: onnx_parity.py MODEL.onnx PARITY.json
"""
import json
import sys

import numpy as np
import onnx
import onnxruntime as ort

TOLERANCE = 1e-5
MIN_MESSAGES = 50


def main(model_path: str, parity_path: str) -> int:
    model = onnx.load(model_path)
    onnx.checker.check_model(model, full_check=True)
    meta = {p.key: p.value for p in model.metadata_props}
    for key in ("shopkeep.format_version", "shopkeep.labels", "shopkeep.featurizer", "shopkeep.threshold"):
        assert key in meta, f"metadata {key} missing"

    dump = json.load(open(parity_path, encoding="utf-8"))
    assert json.loads(meta["shopkeep.labels"]) == dump["labels"], "label order differs"
    messages = dump["messages"]
    assert len(messages) >= MIN_MESSAGES, f"only {len(messages)} messages"

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])
    worst = 0.0
    for m in messages:
        ids = np.asarray(m["ids"], dtype=np.int64)
        (probs,) = session.run(["probs"], {"ids": ids})
        ref = np.asarray(m["probs"], dtype=np.float32)
        diff = float(np.max(np.abs(probs.reshape(-1) - ref)))
        worst = max(worst, diff)
        assert diff <= TOLERANCE, f"{m['text']!r}: onnxruntime and tract differ by {diff:.3g}"
        assert dump["labels"][int(np.argmax(probs))] == dump["labels"][int(np.argmax(ref))]
    print(f"onnx checker: ok; onnxruntime {ort.__version__} vs tract on {len(messages)} messages: "
          f"max |diff| {worst:.2e} (tolerance {TOLERANCE:g})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
