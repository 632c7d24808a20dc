package redisstore

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/rzauth/rememberizer-go/internal/storekit"
)

// unlockScript deletes the lock only if this holder still owns it, so a
// holder whose lock expired never releases a lock someone else took since.
var unlockScript = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
	return redis.call("DEL", KEYS[1])
end
return 0`)

// Lock waits until it holds the lock named key across every instance
// using this Redis, or ctx ends. The lock expires after ttl if it is never
// released (its holder died). Waiting polls with a backoff from 5 ms to
// 100 ms.
func (s *Store) Lock(ctx context.Context, key string, ttl time.Duration) (func(), error) {
	token, err := storekit.NewHolder("redisstore")
	if err != nil {
		return nil, err
	}
	k := s.prefix + "lock:" + key
	return storekit.Lock(ctx, func() (bool, error) {
		ok, err := s.rdb.SetNX(ctx, k, token, max(ttl, time.Millisecond)).Result()
		if err != nil {
			return false, unavailable("SET NX lock", err)
		}
		return ok, nil
	}, func(ctx context.Context) {
		_ = unlockScript.Run(ctx, s.rdb, []string{k}, token).Err()
	})
}
