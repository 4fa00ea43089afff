"""``factqa bench``: ingest throughput, ask latency per stage and size, memory, disk, cold start, ANN recall."""
