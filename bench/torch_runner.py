"""Child process of `npm run bench`: times training steps of one workload in PyTorch on the CPU.

Usage: python3 bench/torch_runner.py '<config JSON>'

The config (written by bench/lineup.ts) names the workload, its layer sizes (and for sequence workloads the
recurrent cell and time steps), batch size, sgd learning rate, warm-up and timed step counts, and the raw float32 inputs (and int32 labels) the parent wrote for it, the same rows every
runner trains on. Prints one JSON line: name, backend, steps_per_s, peak_rss_mb.
"""

import json
import resource
import sys
import time

import numpy as np
import torch


class Recurrent(torch.nn.Module):
    """An LSTM or GRU over whole sequences, then a dense output at each step (softmax lives in the loss)."""

    def __init__(self, cell, sizes):
        super().__init__()
        inputs, hidden, outputs = sizes
        kind = torch.nn.LSTM if cell == "lstm" else torch.nn.GRU
        self.cell = kind(inputs, hidden, batch_first=True)
        self.out = torch.nn.Linear(hidden, outputs)

    def forward(self, x):
        states, _ = self.cell(x)
        return self.out(states)


def network(config):
    """The same network as tsnets builds: dense + relu, then a dense output; a recurrent layer, then dense; or LeNet."""
    if config["kind"] == "sequence":
        return Recurrent(config["cell"], config["sizes"])
    if config["kind"] == "image":
        # bench/workloads.ts LENET, in PyTorch's channels-first layout.
        return torch.nn.Sequential(
            torch.nn.Conv2d(1, 20, 5), torch.nn.MaxPool2d(2),
            torch.nn.Conv2d(20, 50, 5), torch.nn.MaxPool2d(2),
            torch.nn.Flatten(), torch.nn.Linear(800, 500), torch.nn.ReLU(), torch.nn.Linear(500, 10),
        )
    inputs, hidden, outputs = config["sizes"]
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
    if config["kind"] == "sequence":
        steps = config["time_steps"]
        x, y = x.reshape(-1, steps, inputs), y.reshape(-1, steps)
    if config["kind"] == "image":
        x = x.reshape(-1, 1, 28, 28)
    size = config["batch_size"]
    return [(x[i : i + size], y[i : i + size]) for i in range(0, len(x), size)]


def main():
    config = json.loads(sys.argv[1])
    torch.set_num_threads(config["threads"])
    torch.manual_seed(13)
    model = network(config)
    cross_entropy = torch.nn.CrossEntropyLoss()
    if config["kind"] == "autoencoder":
        loss_fn = torch.nn.MSELoss()
    elif config["kind"] == "sequence":
        classes = config["sizes"][2]
        loss_fn = lambda out, y: cross_entropy(out.reshape(-1, classes), y.reshape(-1))
    else:
        loss_fn = cross_entropy
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
