package redisstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
)

// DefaultPrefix is the default prefix of every key the store writes.
const DefaultPrefix = "rememberizer:"

// Config configures a [Store].
type Config struct {
	// Client is the Redis client: *redis.Client, *redis.ClusterClient or
	// any redis.UniversalClient. Required. Its timeouts bound each call.
	Client redis.UniversalClient
	// Prefix begins every key. Optional. Default: "rememberizer:".
	Prefix string
}

// Store is a [core.Store], [core.Claimer] and [core.Locker] on Redis, for
// sessions and grants. It is safe for concurrent use and may be shared by
// any number of instances. Values arrive sealed by core and keys are
// hashes core made, so a Redis dump holds no token and no usable cookie.
type Store struct {
	rdb    redis.UniversalClient
	prefix string
}

var (
	_ core.Store   = (*Store)(nil)
	_ core.Claimer = (*Store)(nil)
	_ core.Locker  = (*Store)(nil)

	_ adapter.MultiFinder = (*Store)(nil)
	_ adapter.GrantLister = (*Store)(nil)
)

// New returns a Store, or an error if cfg has no client.
func New(cfg Config) (*Store, error) {
	if cfg.Client == nil {
		return nil, errors.New("redisstore: Config.Client is required")
	}
	if cfg.Prefix == "" {
		cfg.Prefix = DefaultPrefix
	}
	return &Store{rdb: cfg.Client, prefix: cfg.Prefix}, nil
}

// unavailable wraps a Redis error so core answers 503 and fails closed.
func unavailable(op string, err error) error {
	return fmt.Errorf("%w: redis %s: %w", core.ErrStoreUnavailable, op, err)
}

// Find returns the value under key. It asks with MGET of the one key
// rather than GET: a missing key (most reads of core's marks, which say
// that a user's sessions were ended) is then a nil entry, not go-redis's
// error path, which costs far more allocations.
func (s *Store) Find(ctx context.Context, key string) ([]byte, bool, error) {
	vals, err := s.rdb.MGet(ctx, s.redisKey(key)).Result()
	if err != nil {
		return nil, false, unavailable("MGET", err)
	}
	if len(vals) != 1 {
		return nil, false, unavailable("MGET", fmt.Errorf("got %d values for 1 key", len(vals)))
	}
	v, err := value(vals[0])
	return v, v != nil, err
}

// FindMany returns the values under keys, nil for a missing key, in one
// round trip: one MGET on a single server (a *redis.Client); on a Redis
// Cluster or a Ring, whose keys in different slots or shards cannot share
// one MGET, one pipeline of one-key MGETs (a round trip per node it
// reaches).
func (s *Store) FindMany(ctx context.Context, keys ...string) ([][]byte, error) {
	full := make([]string, len(keys))
	for i, k := range keys {
		full[i] = s.redisKey(k)
	}
	var vals []any
	if one, ok := s.rdb.(*redis.Client); ok {
		got, err := one.MGet(ctx, full...).Result()
		if err != nil {
			return nil, unavailable("MGET", err)
		}
		vals = got
	} else {
		cmds := make([]*redis.SliceCmd, len(full))
		_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i, k := range full {
				cmds[i] = p.MGet(ctx, k)
			}
			return nil
		})
		if err != nil {
			return nil, unavailable("MGET", err)
		}
		for _, c := range cmds {
			vals = append(vals, c.Val()...)
		}
	}
	if len(vals) != len(keys) {
		return nil, unavailable("MGET", fmt.Errorf("got %d values for %d keys", len(vals), len(keys)))
	}
	out := make([][]byte, len(keys))
	for i, v := range vals {
		b, err := value(v)
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

// value is one MGET entry as bytes, nil for a missing key.
func value(v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case string:
		return []byte(v), nil
	default:
		return nil, unavailable("MGET", fmt.Errorf("unexpected reply %T", v))
	}
}

// Commit stores b under key for ttl (SET with a millisecond TTL).
func (s *Store) Commit(ctx context.Context, key string, b []byte, ttl time.Duration) error {
	if ttl < time.Millisecond {
		return s.Delete(ctx, key)
	}
	if isGrant(key) {
		return s.commitGrant(ctx, key, b, ttl)
	}
	if err := s.rdb.Set(ctx, s.redisKey(key), b, ttl).Err(); err != nil {
		return unavailable("SET", err)
	}
	return nil
}

// Delete removes key (DEL).
func (s *Store) Delete(ctx context.Context, key string) error {
	if isGrant(key) {
		return s.deleteGrant(ctx, key)
	}
	if err := s.rdb.Del(ctx, s.redisKey(key)).Err(); err != nil {
		return unavailable("DEL", err)
	}
	return nil
}

// Claim records key for ttl with SET NX and reports whether this call was
// the first, across every instance using this Redis.
func (s *Store) Claim(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	ok, err := s.rdb.SetNX(ctx, s.prefix+"claim:"+key, 1, max(ttl, time.Second)).Result()
	if err != nil {
		return false, unavailable("SET NX", err)
	}
	return ok, nil
}
