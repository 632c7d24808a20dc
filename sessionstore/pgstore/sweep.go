package pgstore

import (
	"context"
	"time"

	"github.com/rzauth/rememberizer-go/internal/storekit"
)

// sweeper deletes expired rows every interval until Close.
func (s *Store) sweeper(interval time.Duration) {
	storekit.Sweep(interval, s.stop, s.done, func(ctx context.Context) {
		_, _ = s.Sweep(ctx) // a failure is retried at the next interval
	})
}

// Sweep deletes expired rows of both tables, [Config.SweepBatch] rows per
// statement until fewer are left, and returns how many it deleted. The
// sweeper calls it every [Config.SweepInterval]; call it yourself with a
// negative interval.
func (s *Store) Sweep(ctx context.Context) (int64, error) {
	var total int64
	for _, table := range []string{"rememberizer_values", "rememberizer_locks"} {
		for {
			tag, err := s.pool.Exec(ctx, `
DELETE FROM `+table+` WHERE key IN (
	SELECT key FROM `+table+` WHERE expires_at <= coalesce($1::timestamptz, now())
	LIMIT $2 FOR UPDATE SKIP LOCKED)`, s.clock(), s.batch)
			if err != nil {
				return total, unavailable("sweep", err)
			}
			total += tag.RowsAffected()
			if tag.RowsAffected() < int64(s.batch) {
				break
			}
		}
	}
	return total, nil
}
