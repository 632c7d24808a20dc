package pgstore

import (
	"context"
	"time"
)

// Lock waits until it holds the lock named key across every instance
// using the database, or ctx ends. The lock is a lease: a row naming a
// random holder token, taken with one upsert that succeeds only when no
// unexpired row exists, and released by deleting the row only while it
// still names this holder; it expires after ttl if its holder dies. No
// connection or transaction is held meanwhile. Waiting polls with a
// backoff from 5 ms to 100 ms.
func (s *Store) Lock(ctx context.Context, key string, ttl time.Duration) (func(), error) {
	holder, err := newID()
	if err != nil {
		return nil, err
	}
	ms := max(ttl, time.Millisecond).Milliseconds()
	wait := 5 * time.Millisecond
	for {
		tag, err := s.pool.Exec(ctx, `
INSERT INTO rememberizer_locks (key, holder, expires_at)
VALUES ($2, $3, coalesce($1::timestamptz, now()) + $4 * interval '1 millisecond')
ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
WHERE rememberizer_locks.expires_at <= coalesce($1::timestamptz, now())`,
			s.clock(), key, holder, ms)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, unavailable("lock", err)
		}
		if tag.RowsAffected() == 1 {
			return func() {
				// Release even if the caller's context has ended.
				ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
				defer cancel()
				_, _ = s.pool.Exec(ctx, `DELETE FROM rememberizer_locks WHERE key = $1 AND holder = $2`, key, holder)
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
