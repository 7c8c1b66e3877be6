"""The course's models (lib/src/models, at the sizes of bench/courseModels.ts) in PyTorch, timed the same
way (Adam, batch 32, one fixed random batch).

Run by `npm run bench` as a server: one JSON request per stdin line
({"cmd": "train", "model": "lstm", "batches": 2, "seconds": 0.5, "warmup": 3} or {"cmd": "matmul"}), one JSON reply per
stdout line, so the bench can interleave PyTorch rounds with its own.
  /usr/bin/python3 bench/pytorch_models.py --threads 2
"""
import argparse
import json
import math
import sys
import time

import torch
from torch import nn

VOCAB, TEXT_LENGTH = 10_000, 100
SEQ_VOCAB, SEQ_LENGTH = 20, 10
GPT = dict(vocab=65, context=32, width=64, heads=4, layers=2)


class LstmClassifier(nn.Module):
    def __init__(self, embedding, hidden_layer, classes):
        super().__init__()
        self.embedding = nn.Embedding(VOCAB, embedding)
        self.lstm = nn.LSTM(embedding, 64, batch_first=True)
        layers = [nn.Dropout(0.5), nn.Linear(64, 64), nn.ReLU(), nn.Dropout(0.5)] if hidden_layer else []
        self.head = nn.Sequential(*layers, nn.Linear(64, classes))

    def forward(self, x):
        _, (h, _) = self.lstm(self.embedding(x))
        return self.head(h[-1])


class Conv1dText(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(VOCAB, 128)
        self.conv = nn.Conv1d(128, 128, 5)
        self.out = nn.Linear(128, 2)

    def forward(self, x):
        h = torch.relu(self.conv(self.embedding(x).transpose(1, 2)))
        return self.out(h.max(dim=2).values)


def cnn(channels, size):
    flat = ((((size - 2) // 2) - 2) // 2) - 2
    return nn.Sequential(
        nn.Conv2d(channels, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(), nn.Flatten(),
        nn.Linear(64 * flat * flat, 64), nn.ReLU(), nn.Linear(64, 10))


class Seq2Seq(nn.Module):
    def __init__(self):
        super().__init__()
        self.source_embedding = nn.Embedding(SEQ_VOCAB, 32)
        self.target_embedding = nn.Embedding(SEQ_VOCAB, 32)
        self.encoder = nn.LSTM(32, 64, batch_first=True)
        self.decoder = nn.LSTM(32, 64, batch_first=True)
        self.attentional = nn.Linear(128, 64)
        self.out = nn.Linear(64, SEQ_VOCAB)

    def forward(self, source, target_in):
        enc, state = self.encoder(self.source_embedding(source))
        dec, _ = self.decoder(self.target_embedding(target_in), state)
        weights = torch.softmax(torch.bmm(dec, enc.transpose(1, 2)), dim=-1)
        return self.out(torch.tanh(self.attentional(torch.cat([torch.bmm(weights, enc), dec], dim=-1))))


class Block(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.norm1, self.norm2 = nn.LayerNorm(width), nn.LayerNorm(width)
        self.q, self.k, self.v, self.o = (nn.Linear(width, width) for _ in range(4))
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), nn.ReLU(), nn.Linear(4 * width, width))

    def forward(self, x, mask):
        b, t, w = x.shape
        n = self.norm1(x)
        q, k, v = (f(n).view(b, t, self.heads, w // self.heads).transpose(1, 2) for f in (self.q, self.k, self.v))
        scores = q @ k.transpose(-1, -2) / math.sqrt(w // self.heads) + mask[:t, :t]
        x = x + self.o((torch.softmax(scores, -1) @ v).transpose(1, 2).reshape(b, t, w))
        return x + self.mlp(self.norm2(x))


class TinyGpt(nn.Module):
    def __init__(self, vocab, context, width, heads, layers):
        super().__init__()
        self.token = nn.Embedding(vocab, width)
        self.position = nn.Parameter(torch.randn(context, width) * 0.02)
        self.blocks = nn.ModuleList(Block(width, heads) for _ in range(layers))
        self.norm = nn.LayerNorm(width)
        self.head = nn.Linear(width, vocab)
        self.register_buffer("mask", torch.triu(torch.full((context, context), -1e9), diagonal=1))

    def forward(self, ids):
        x = self.token(ids) + self.position[: ids.shape[1]]
        for block in self.blocks:
            x = block(x, self.mask)
        return self.head(self.norm(x))


def tokens(n, length, vocab):
    return torch.randint(0, vocab, (n, length))


def binary(n):
    return (torch.rand(n, 1) > 0.5).float()


def classes(n, k):
    return torch.randint(0, k, (n,))


bce, ce = nn.BCEWithLogitsLoss(), nn.CrossEntropyLoss()

MODELS = {
    "mlp": (lambda: nn.Sequential(nn.Linear(100, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 1)),
            lambda n: ((torch.randn(n, 100),), binary(n)), bce),
    "lstm": (lambda: LstmClassifier(128, True, 2),
             lambda n: ((tokens(n, TEXT_LENGTH, VOCAB),), classes(n, 2)), ce),
    "lstm-sigmoid": (lambda: LstmClassifier(64, False, 1),
                     lambda n: ((tokens(n, TEXT_LENGTH, VOCAB),), binary(n)), bce),
    "conv1d": (Conv1dText, lambda n: ((tokens(n, TEXT_LENGTH, VOCAB),), classes(n, 2)), ce),
    "cnn-cifar": (lambda: cnn(3, 32), lambda n: ((torch.rand(n, 3, 32, 32),), classes(n, 10)), ce),
    "cnn-fashion": (lambda: cnn(1, 28), lambda n: ((torch.rand(n, 1, 28, 28),), classes(n, 10)), ce),
    "seq2seq": (Seq2Seq,
                lambda n: ((tokens(n, SEQ_LENGTH, SEQ_VOCAB), tokens(n, SEQ_LENGTH, SEQ_VOCAB)), classes(n * SEQ_LENGTH, SEQ_VOCAB)),
                lambda out, y: ce(out.reshape(-1, SEQ_VOCAB), y)),
    "transformer": (lambda: TinyGpt(**GPT),
                    lambda n: ((tokens(n, GPT["context"], GPT["vocab"]),), classes(n * GPT["context"], GPT["vocab"])),
                    lambda out, y: ce(out.reshape(-1, GPT["vocab"]), y)),
}


class Trainer:
    """One model, its optimiser and one fixed batch, built once and timed in as many rounds as asked."""

    def __init__(self, key, batch_size):
        make, data, self.loss_fn = MODELS[key]
        torch.manual_seed(0)
        self.model = make()
        self.model.train()
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-3)
        self.xs, self.y = data(batch_size)
        self.batch_size = batch_size

    def step(self):
        self.optimizer.zero_grad()
        loss = self.loss_fn(self.model(*self.xs), self.y)
        loss.backward()
        self.optimizer.step()
        return loss.item()

    def time(self, min_batches, min_seconds):
        """Trains at least min_batches batches and for at least min_seconds (fast models run many)."""
        start, cpu_start = time.perf_counter(), time.process_time()
        batches = 0
        while batches < min_batches or time.perf_counter() - start < min_seconds:
            self.step()
            batches += 1
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
        return {
            "batches": batches,
            "samplesPerSecond": batches * self.batch_size / seconds,
            "samplesPerCpuSecond": batches * self.batch_size / cpu_seconds,
            "msPerBatch": 1000 * seconds / batches,
        }


def matmul_gflops(n):
    a, b = torch.randn(n, n), torch.randn(n, n)
    a @ b
    reps = 20 if n <= 512 else 3
    start = time.perf_counter()
    for _ in range(reps):
        a @ b
    return 2 * n ** 3 * reps / (time.perf_counter() - start) / 1e9


def serve(batch_size):
    """Answers one JSON line per request line, so the caller can interleave rounds with its own."""
    trainers = {}
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if request["cmd"] == "train":
            key = request["model"]
            if key not in trainers:
                trainers[key] = Trainer(key, batch_size)
                for _ in range(request["warmup"]):
                    trainers[key].step()
            reply = trainers[key].time(request["batches"], request["seconds"])
        elif request["cmd"] == "matmul":
            reply = {str(n): matmul_gflops(n) for n in (512, 2048)}
        else:
            reply = {"error": f"unknown cmd {request['cmd']!r}"}
        print(json.dumps(reply), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    serve(args.batch_size)


if __name__ == "__main__":
    main()
