package pgstore

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
)

// Config configures a [Store].
type Config struct {
	// Pool is the connection pool. Required. The store never closes it,
	// and holds a connection only for the length of one statement: a lock
	// is a row, not a held connection or transaction. Bound each call with
	// the context (core's) or the pool's settings.
	Pool *pgxpool.Pool
	// SweepInterval is how often expired rows are deleted. Optional.
	// Default: 1 minute. Negative: never (another instance sweeps).
	SweepInterval time.Duration
	// SweepBatch is how many expired rows one DELETE removes; a sweep
	// repeats it until fewer are left, so no statement holds many row
	// locks for long. Optional. Default: 1000.
	SweepBatch int
	// Now is the store's clock, which expiries are measured on. Optional.
	// Default: the database's clock (now()), one for every instance.
	Now func() time.Time
}

// Store is a [core.Store], [core.Claimer] and [core.Locker] on
// PostgreSQL, for sessions and grants, and an [adapter.MultiFinder] and
// [adapter.GrantLister]. It is safe for concurrent use and may be shared
// by any number of instances. Values arrive sealed by core and keys are
// hashes core made, so the tables hold no token and no usable cookie.
// Close stops its sweeper.
type Store struct {
	pool  *pgxpool.Pool
	now   func() time.Time
	batch int

	stop     chan struct{}
	done     chan struct{}
	stopOnce sync.Once
}

var (
	_ core.Store          = (*Store)(nil)
	_ core.Claimer        = (*Store)(nil)
	_ core.Locker         = (*Store)(nil)
	_ adapter.MultiFinder = (*Store)(nil)
	_ adapter.GrantLister = (*Store)(nil)
)

// New returns a Store on cfg.Pool, whose tables must exist (see
// [EnsureSchema]), and starts its sweeper of expired rows. It returns an
// error if cfg has no pool.
func New(cfg Config) (*Store, error) {
	if cfg.Pool == nil {
		return nil, errors.New("pgstore: Config.Pool is required")
	}
	if cfg.SweepInterval == 0 {
		cfg.SweepInterval = time.Minute
	}
	if cfg.SweepBatch <= 0 {
		cfg.SweepBatch = 1000
	}
	s := &Store{pool: cfg.Pool, now: cfg.Now, batch: cfg.SweepBatch, stop: make(chan struct{}), done: make(chan struct{})}
	if cfg.SweepInterval > 0 {
		go s.sweeper(cfg.SweepInterval)
	} else {
		close(s.done)
	}
	return s, nil
}

// Close stops the sweeper and waits for a sweep under way to end. It
// does not close the pool. Calling it again does nothing.
func (s *Store) Close() error {
	s.stopOnce.Do(func() { close(s.stop) })
	<-s.done
	return nil
}

// unavailable wraps a database error so core answers 503 and fails closed.
func unavailable(op string, err error) error {
	return fmt.Errorf("%w: postgres %s: %w", core.ErrStoreUnavailable, op, err)
}

// clock is the $1 of every statement: the store's time, or NULL for the
// database's own (coalesce($1, now())).
func (s *Store) clock() any {
	if s.now == nil {
		return nil
	}
	return s.now()
}

// Find returns the value under key, if it has not expired.
func (s *Store) Find(ctx context.Context, key string) ([]byte, bool, error) {
	var b []byte
	err := s.pool.QueryRow(ctx,
		`SELECT value FROM rememberizer_values WHERE key = $2 AND expires_at > coalesce($1::timestamptz, now())`,
		s.clock(), key).Scan(&b)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, unavailable("find", err)
	}
	return b, true, nil
}

// FindMany returns the values under keys, in order, nil where there is
// none or it has expired, with one query.
func (s *Store) FindMany(ctx context.Context, keys ...string) ([][]byte, error) {
	rows, err := s.pool.Query(ctx,
		`SELECT key, value FROM rememberizer_values WHERE key = ANY($2) AND expires_at > coalesce($1::timestamptz, now())`,
		s.clock(), keys)
	if err != nil {
		return nil, unavailable("find many", err)
	}
	defer rows.Close()
	out := make([][]byte, len(keys))
	for rows.Next() {
		var k string
		var v []byte
		if err := rows.Scan(&k, &v); err != nil {
			return nil, unavailable("find many", err)
		}
		for i, want := range keys {
			if want == k {
				out[i] = v
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, unavailable("find many", err)
	}
	return out, nil
}

// Commit stores b under key for ttl, replacing any value (an upsert).
func (s *Store) Commit(ctx context.Context, key string, b []byte, ttl time.Duration) error {
	if ttl < time.Millisecond {
		return s.Delete(ctx, key)
	}
	_, err := s.pool.Exec(ctx, `
INSERT INTO rememberizer_values (key, value, expires_at)
VALUES ($2, $3, coalesce($1::timestamptz, now()) + $4 * interval '1 millisecond')
ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
		s.clock(), key, b, ttl.Milliseconds())
	if err != nil {
		return unavailable("commit", err)
	}
	return nil
}

// Delete removes key's value.
func (s *Store) Delete(ctx context.Context, key string) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM rememberizer_values WHERE key = $1`, key); err != nil {
		return unavailable("delete", err)
	}
	return nil
}

// Claim records key for ttl and reports whether this call was the first,
// across every instance using the database: one upsert that replaces
// only an expired claim.
func (s *Store) Claim(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	tag, err := s.pool.Exec(ctx, `
INSERT INTO rememberizer_values (key, value, expires_at)
VALUES ($2, '', coalesce($1::timestamptz, now()) + $3 * interval '1 millisecond')
ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
WHERE rememberizer_values.expires_at <= coalesce($1::timestamptz, now())`,
		s.clock(), "claim:"+key, max(ttl, time.Second).Milliseconds())
	if err != nil {
		return false, unavailable("claim", err)
	}
	return tag.RowsAffected() == 1, nil
}

// ListGrants lists the live grants the store holds, a page of at most
// limit at a time, in key order (one indexed range query per page; the
// cursor is the page's last key): the adapter.GrantLister capability,
// which core.Client.GrantHolders uses.
func (s *Store) ListGrants(ctx context.Context, cursor string, limit int) ([]adapter.GrantRecord, string, error) {
	if limit <= 0 {
		return nil, "", fmt.Errorf("pgstore: ListGrants limit %d is not positive", limit)
	}
	// Keys that begin with "grant:" are those from "grant:" up to, not
	// including, "grant;" (':' + 1), in the C collation.
	p := adapter.GrantKeyPrefix
	end := p[:len(p)-1] + string(p[len(p)-1]+1)
	rows, err := s.pool.Query(ctx, `
SELECT key, value FROM rememberizer_values
WHERE key >= $2 AND key < $3 AND key > $4 AND expires_at > coalesce($1::timestamptz, now())
ORDER BY key LIMIT $5`,
		s.clock(), p, end, cursor, limit)
	if err != nil {
		return nil, "", unavailable("list grants", err)
	}
	defer rows.Close()
	var page []adapter.GrantRecord
	for rows.Next() {
		var r adapter.GrantRecord
		if err := rows.Scan(&r.Key, &r.Value); err != nil {
			return nil, "", unavailable("list grants", err)
		}
		page = append(page, r)
	}
	if err := rows.Err(); err != nil {
		return nil, "", unavailable("list grants", err)
	}
	if len(page) < limit {
		return page, "", nil
	}
	return page, page[len(page)-1].Key, nil
}
