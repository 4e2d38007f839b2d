#!/usr/bin/env bash
# Reference ONNX tooling for the parity test (the onnx checker and onnxruntime).
set -euo pipefail
if python3 -c "import onnx, onnxruntime, numpy" 2>/dev/null; then exit 0; fi
python3 -m pip install --quiet "onnx>=1.16" "onnxruntime>=1.18" "numpy"
