"""The course models of courseModels.ts in PyTorch, timed the same way (Adam, batch 32, random data).

Run by `npm run bench`; prints one JSON object. Usage:
  /usr/bin/python3 bench/pytorch_models.py --batches 20 --warmup 3 --threads 2 [--models mlp,lstm]
"""
import argparse
import json
import math
import time

import torch
from torch import nn

VOCAB, TEXT_LENGTH = 10_000, 100
SEQ_VOCAB, SEQ_LENGTH = 20, 10
GPT = dict(vocab=65, context=32, width=64, heads=4, layers=2, hidden=256)


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
        self.embedding = nn.Embedding(VOCAB, 64)
        self.conv = nn.Conv1d(64, 128, 5)
        self.out = nn.Linear(128, 1)

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
        self.out = nn.Linear(128, SEQ_VOCAB)

    def forward(self, source, target_in):
        enc, state = self.encoder(self.source_embedding(source))
        dec, _ = self.decoder(self.target_embedding(target_in), state)
        weights = torch.softmax(torch.bmm(dec, enc.transpose(1, 2)), dim=-1)
        return self.out(torch.cat([torch.bmm(weights, enc), dec], dim=-1))


class Block(nn.Module):
    def __init__(self, width, heads, hidden):
        super().__init__()
        self.heads = heads
        self.norm1, self.norm2 = nn.LayerNorm(width), nn.LayerNorm(width)
        self.qkv = nn.Linear(width, 3 * width, bias=False)
        self.proj = nn.Linear(width, width, bias=False)
        self.mlp = nn.Sequential(nn.Linear(width, hidden), nn.GELU(approximate="tanh"), nn.Linear(hidden, width))

    def forward(self, x, mask):
        b, t, w = x.shape
        q, k, v = self.qkv(self.norm1(x)).split(w, dim=-1)
        q, k, v = (z.view(b, t, self.heads, w // self.heads).transpose(1, 2) for z in (q, k, v))
        scores = q @ k.transpose(-1, -2) / math.sqrt(w // self.heads) + mask[:t, :t]
        x = x + self.proj((torch.softmax(scores, -1) @ v).transpose(1, 2).reshape(b, t, w))
        return x + self.mlp(self.norm2(x))


class TinyGpt(nn.Module):
    def __init__(self, vocab, context, width, heads, layers, hidden):
        super().__init__()
        self.token = nn.Embedding(vocab, width)
        self.position = nn.Parameter(torch.randn(context, width) * 0.02)
        self.blocks = nn.ModuleList(Block(width, heads, hidden) for _ in range(layers))
        self.norm = nn.LayerNorm(width)
        self.head = nn.Linear(width, vocab, bias=False)
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
    "conv1d": (Conv1dText, lambda n: ((tokens(n, TEXT_LENGTH, VOCAB),), binary(n)), bce),
    "cnn-cifar": (lambda: cnn(3, 32), lambda n: ((torch.rand(n, 3, 32, 32),), classes(n, 10)), ce),
    "cnn-fashion": (lambda: cnn(1, 28), lambda n: ((torch.rand(n, 1, 28, 28),), classes(n, 10)), ce),
    "seq2seq": (Seq2Seq,
                lambda n: ((tokens(n, SEQ_LENGTH, SEQ_VOCAB), tokens(n, SEQ_LENGTH, SEQ_VOCAB)), classes(n * SEQ_LENGTH, SEQ_VOCAB)),
                lambda out, y: ce(out.reshape(-1, SEQ_VOCAB), y)),
    "transformer": (lambda: TinyGpt(**GPT),
                    lambda n: ((tokens(n, GPT["context"], GPT["vocab"]),), classes(n * GPT["context"], GPT["vocab"])),
                    lambda out, y: ce(out.reshape(-1, GPT["vocab"]), y)),
}


def time_model(key, batches, warmup, batch_size):
    make, data, loss_fn = MODELS[key]
    torch.manual_seed(0)
    model = make()
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    xs, y = data(batch_size)

    def step():
        optimizer.zero_grad()
        loss = loss_fn(model(*xs), y)
        loss.backward()
        optimizer.step()
        return loss.item()

    for _ in range(warmup):
        step()
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(batches):
        step()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    return {
        "samplesPerSecond": batches * batch_size / seconds,
        "samplesPerCpuSecond": batches * batch_size / cpu_seconds,
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batches", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--models", default=",".join(MODELS))
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    models = {key: time_model(key, args.batches, args.warmup, args.batch_size) for key in args.models.split(",")}
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "models": models,
        "matmulGflops": {str(n): matmul_gflops(n) for n in (512, 2048)},
    }))


if __name__ == "__main__":
    main()
