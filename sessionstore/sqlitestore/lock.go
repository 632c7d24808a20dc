package sqlitestore

import (
	"context"
	"time"

	"github.com/rzauth/rememberizer-go/internal/storekit"
)

// Lock waits until it holds the lock named key across every process
// using the file, or ctx ends. The lock is a lease: a row naming a random
// holder token, taken with one upsert that succeeds only when no
// unexpired row exists, and released by deleting the row only while it
// still names this holder; it expires after ttl if its holder dies. No
// transaction is held meanwhile. Waiting polls with a backoff from 5 ms
// to 100 ms.
func (s *Store) Lock(ctx context.Context, key string, ttl time.Duration) (func(), error) {
	holder, err := storekit.NewHolder("sqlitestore")
	if err != nil {
		return nil, err
	}
	ms := max(ttl, time.Millisecond).Milliseconds()
	return storekit.Lock(ctx, func() (bool, error) {
		now := s.ms()
		res, err := s.db.ExecContext(ctx, `
INSERT INTO rememberizer_locks (key, holder, expires_at) VALUES (?, ?, ?)
ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
WHERE rememberizer_locks.expires_at <= ?`,
			key, holder, now+ms, now)
		var n int64
		if err == nil {
			n, err = res.RowsAffected()
		}
		if err != nil {
			return false, unavailable("lock", err)
		}
		return n == 1, nil
	}, func(ctx context.Context) {
		_, _ = s.db.ExecContext(ctx, `DELETE FROM rememberizer_locks WHERE key = ? AND holder = ?`, key, holder)
	})
}
