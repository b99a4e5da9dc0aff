"""Distributed ingest on Ray Data (the optional ``entente[ray]`` extra).

corpus → nlp → coding run in Ray workers, each task writing a Parquet shard into a
run directory (shards.py); the store is written by one process afterwards (merge.py).
Nothing here imports Ray at module level: ``import entente.distributed`` stays cheap.
"""
