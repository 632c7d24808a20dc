package pgstore

import (
	"context"
	"time"

	"github.com/rzauth/rememberizer-go/internal/storekit"
)

// Lock waits until it holds the lock named key across every instance
// using the database, or ctx ends. The lock is a lease: a row naming a
// random holder token, taken with one upsert that succeeds only when no
// unexpired row exists, and released by deleting the row only while it
// still names this holder; it expires after ttl if its holder dies. No
// connection or transaction is held meanwhile. Waiting polls with a
// backoff from 5 ms to 100 ms.
func (s *Store) Lock(ctx context.Context, key string, ttl time.Duration) (func(), error) {
	holder, err := storekit.NewHolder("pgstore")
	if err != nil {
		return nil, err
	}
	ms := max(ttl, time.Millisecond).Milliseconds()
	return storekit.Lock(ctx, func() (bool, error) {
		tag, err := s.pool.Exec(ctx, `
INSERT INTO rememberizer_locks (key, holder, expires_at)
VALUES ($2, $3, coalesce($1::timestamptz, now()) + $4 * interval '1 millisecond')
ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
WHERE rememberizer_locks.expires_at <= coalesce($1::timestamptz, now())`,
			s.clock(), key, holder, ms)
		if err != nil {
			return false, unavailable("lock", err)
		}
		return tag.RowsAffected() == 1, nil
	}, func(ctx context.Context) {
		_, _ = s.pool.Exec(ctx, `DELETE FROM rememberizer_locks WHERE key = $1 AND holder = $2`, key, holder)
	})
}
