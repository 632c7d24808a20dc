package redisstore

import (
	"context"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// Grants (keys that begin with adapter.GrantKeyPrefix) are kept apart
// from every other value, so that they can be listed without KEYS or
// SCAN: each grant falls in one of grantShards shards by a hash of its
// key, and each shard is three Redis keys with one hash tag, {g<n>}, so
// that they share a Redis Cluster slot and one script updates them
// together:
//   - <prefix>{g<n>}grant:<id>: the grant's value, with its TTL;
//   - <prefix>{g<n>}grants: the shard's grant keys (a sorted set, all
//     scores 0, read in key order);
//   - <prefix>{g<n>}expiry: the same keys, scored by when each expires
//     (ms on Redis's clock).
//
// Committing or deleting a grant updates its value and both sets in one
// script; a commit also drops up to pruneBatch expired keys from the
// shard's sets, and so does each page of a listing, so the sets hold
// live grants and at most the grants that expired since the shard was
// last written or listed.
const (
	grantShards = 16
	pruneBatch  = 16
)

// isGrant reports whether key is one of core's grants.
func isGrant(key string) bool { return strings.HasPrefix(key, adapter.GrantKeyPrefix) }

// shardOf returns the shard of a grant key.
func shardOf(key string) int {
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32() % grantShards)
}

// shardTag is the hash tag, with the prefix, of shard n's keys.
func (s *Store) shardTag(n int) string { return s.prefix + "{g" + strconv.Itoa(n) + "}" }

// redisKey is the Redis key of core's key: grants in their shard,
// everything else under the prefix.
func (s *Store) redisKey(key string) string {
	if isGrant(key) {
		return s.shardTag(shardOf(key)) + key
	}
	return s.prefix + key
}

// prune is the Lua that drops up to ARGV[1] expired keys from a shard's
// sets (KEYS[1] its keys, KEYS[2] its expiries), on Redis's clock.
const prune = `
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local gone = redis.call("ZRANGEBYSCORE", KEYS[2], "-inf", now, "LIMIT", 0, tonumber(ARGV[1]))
for _, m in ipairs(gone) do
	redis.call("ZREM", KEYS[1], m)
	redis.call("ZREM", KEYS[2], m)
end
`

// commitGrantScript stores a grant's value (KEYS[3]) for ARGV[3] ms and
// indexes its key (ARGV[2]) in its shard's sets (KEYS[1], KEYS[2]).
var commitGrantScript = redis.NewScript(prune + `
local ttl = tonumber(ARGV[3])
redis.call("SET", KEYS[3], ARGV[4], "PX", ttl)
redis.call("ZADD", KEYS[1], 0, ARGV[2])
redis.call("ZADD", KEYS[2], now + ttl, ARGV[2])
return 1`)

// deleteGrantScript deletes a grant's value (KEYS[3]) and its key
// (ARGV[1]) from its shard's sets (KEYS[1], KEYS[2]).
var deleteGrantScript = redis.NewScript(`
redis.call("DEL", KEYS[3])
redis.call("ZREM", KEYS[1], ARGV[1])
redis.call("ZREM", KEYS[2], ARGV[1])
return 1`)

// pruneScript is prune on its own, run before each page of a listing.
var pruneScript = redis.NewScript(prune + `
return #gone`)

// shardKeys returns the Redis keys of a grant's shard sets and value.
func (s *Store) shardKeys(key string) []string {
	tag := s.shardTag(shardOf(key))
	return []string{tag + "grants", tag + "expiry", tag + key}
}

func (s *Store) commitGrant(ctx context.Context, key string, b []byte, ttl time.Duration) error {
	err := commitGrantScript.Run(ctx, s.rdb, s.shardKeys(key), pruneBatch, key, ttl.Milliseconds(), b).Err()
	if err != nil {
		return unavailable("commit grant", err)
	}
	return nil
}

func (s *Store) deleteGrant(ctx context.Context, key string) error {
	if err := deleteGrantScript.Run(ctx, s.rdb, s.shardKeys(key), key).Err(); err != nil {
		return unavailable("delete grant", err)
	}
	return nil
}

// ListGrants lists the live grants the store holds, a page of at most
// limit at a time: the adapter.GrantLister capability, which
// core.Client.GrantHolders uses. Each page reads one shard's keys in key
// order (ZRANGEBYLEX) and their values (one MGET, the shard's keys
// sharing a slot), so a page costs two round trips and a script that
// drops expired keys, never KEYS or SCAN. A grant there throughout a
// listing is listed exactly once, as a key stays in its shard's set from
// its first commit to its deletion or expiry.
func (s *Store) ListGrants(ctx context.Context, cursor string, limit int) ([]adapter.GrantRecord, string, error) {
	if limit <= 0 {
		return nil, "", fmt.Errorf("redisstore: ListGrants limit %d is not positive", limit)
	}
	shard, after := 0, ""
	if cursor != "" {
		n, rest, ok := strings.Cut(cursor, ":")
		v, err := strconv.Atoi(n)
		if !ok || err != nil || v < 0 || v >= grantShards {
			return nil, "", fmt.Errorf("redisstore: ListGrants: malformed cursor")
		}
		shard, after = v, rest
	}
	tag := s.shardTag(shard)
	if err := pruneScript.Run(ctx, s.rdb, []string{tag + "grants", tag + "expiry"}, pruneBatch).Err(); err != nil {
		return nil, "", unavailable("prune grants", err)
	}
	from := "-"
	if after != "" {
		from = "(" + after
	}
	keys, err := s.rdb.ZRangeByLex(ctx, tag+"grants", &redis.ZRangeBy{Min: from, Max: "+", Count: int64(limit)}).Result()
	if err != nil {
		return nil, "", unavailable("ZRANGEBYLEX", err)
	}
	var page []adapter.GrantRecord
	if len(keys) > 0 {
		full := make([]string, len(keys))
		for i, k := range keys {
			full[i] = tag + k
		}
		vals, err := s.rdb.MGet(ctx, full...).Result()
		if err != nil {
			return nil, "", unavailable("MGET", err)
		}
		if len(vals) != len(keys) {
			return nil, "", unavailable("MGET", fmt.Errorf("got %d values for %d keys", len(vals), len(keys)))
		}
		page = make([]adapter.GrantRecord, 0, len(keys))
		for i, v := range vals {
			b, err := value(v)
			if err != nil {
				return nil, "", err
			}
			if b != nil { // deleted or expired since the set was read
				page = append(page, adapter.GrantRecord{Key: keys[i], Value: b})
			}
		}
	}
	switch {
	case len(keys) == limit:
		return page, strconv.Itoa(shard) + ":" + keys[len(keys)-1], nil
	case shard+1 < grantShards:
		return page, strconv.Itoa(shard+1) + ":", nil
	default:
		return page, "", nil
	}
}
