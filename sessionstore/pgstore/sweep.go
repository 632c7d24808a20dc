package pgstore

import (
	"context"
	"time"
)

// sweeper deletes expired rows every interval until Close.
func (s *Store) sweeper(interval time.Duration) {
	defer close(s.done)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
		}
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			select {
			case <-s.stop:
				cancel()
			case <-ctx.Done():
			}
		}()
		_, _ = s.Sweep(ctx) // a failure is retried at the next interval
		cancel()
	}
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
