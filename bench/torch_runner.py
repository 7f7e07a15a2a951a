"""Child process of `npm run bench`: times training steps of one workload in PyTorch on the CPU.

Usage: python3 bench/torch_runner.py '<config JSON>'

The config (written by bench/runners.ts) names the workload, its layer sizes, batch size, sgd learning rate, warm-up
and timed step counts, and the raw float32 inputs (and int32 labels) the parent wrote for it, the same rows every
runner trains on. Prints one JSON line: name, backend, steps_per_s, peak_rss_mb.
"""

import json
import resource
import sys
import time

import numpy as np
import torch


def network(sizes):
    """The same network as tsnets builds: dense + relu, then a dense output (softmax lives in the loss)."""
    inputs, hidden, outputs = sizes
    return torch.nn.Sequential(
        torch.nn.Linear(inputs, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, outputs)
    )


def batches(config):
    """The data as (input, target) batches, in order."""
    inputs = config["sizes"][0]
    x = torch.from_numpy(np.fromfile(config["x"], dtype=np.float32).reshape(-1, inputs))
    if config["kind"] == "autoencoder":
        y = x
    else:
        y = torch.from_numpy(np.fromfile(config["labels"], dtype=np.int32).astype(np.int64))
    size = config["batch_size"]
    return [(x[i : i + size], y[i : i + size]) for i in range(0, len(x), size)]


def main():
    config = json.loads(sys.argv[1])
    torch.set_num_threads(config["threads"])
    torch.manual_seed(13)
    model = network(config["sizes"])
    loss_fn = torch.nn.MSELoss() if config["kind"] == "autoencoder" else torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=config["learning_rate"])
    data = batches(config)

    def step(i):
        x, y = data[i % len(data)]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        # Read the loss back each step, as tsnets and tfjs-layers do.
        return loss.item()

    for i in range(config["warmup"]):
        step(i)
    started = time.perf_counter()
    for i in range(config["steps"]):
        step(i)
    seconds = time.perf_counter() - started

    # Linux reports ru_maxrss in kilobytes.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    threads = torch.get_num_threads()
    print(json.dumps({"name": config["name"], "backend": "cpu", "steps_per_s": config["steps"] / seconds, "peak_rss_mb": peak, "threads": threads}))


if __name__ == "__main__":
    main()
