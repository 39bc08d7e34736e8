"""Online card statistics, kept in Redis by the streaming job."""

import redis

_client = redis.Redis(host="card-stats", port=6379)


def lookup_card_stats(card_id: str) -> dict:
    raw = _client.hgetall(f"card:{card_id}")
    return {
        "txn_count_1d": int(raw.get(b"txn_count_1d", 0)),
        "amount_mean_30d": float(raw.get(b"amount_mean_30d", 0.0)),
    }
