#!/usr/bin/env bash
# Reproduce every number in the paper: the main run (seed 2024) and the ten-seed repetition.
set -euo pipefail
for seed in $(python -c "import yaml; print(' '.join(map(str, yaml.safe_load(open('config.yaml'))['repeat_seeds'])))"); do
    python train.py --config config.yaml --seed "$seed"
    python evaluate.py --config config.yaml --seed "$seed"
done
python -c "
import json, statistics, yaml
seeds = yaml.safe_load(open('config.yaml'))['repeat_seeds']
auc = [json.load(open(f'results/seed-{s}/performance.json'))['internal_test']['overall']['auroc'][0] for s in seeds]
print(f'internal-test AUROC over {len(auc)} seeds: mean {statistics.mean(auc):.3f}, SD {statistics.stdev(auc):.3f}')
"
