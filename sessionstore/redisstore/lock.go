package redisstore

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
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
	token, err := newID()
	if err != nil {
		return nil, err
	}
	k := s.prefix + "lock:" + key
	wait := 5 * time.Millisecond
	for {
		ok, err := s.rdb.SetNX(ctx, k, token, max(ttl, time.Millisecond)).Result()
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, unavailable("SET NX lock", err)
		}
		if ok {
			return func() {
				// Release even if the caller's context has ended.
				ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
				defer cancel()
				_ = unlockScript.Run(ctx, s.rdb, []string{k}, token).Err()
			}, nil
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
		wait = min(wait*2, 100*time.Millisecond)
	}
}
