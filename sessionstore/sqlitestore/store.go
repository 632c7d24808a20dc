package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
)

// Config configures a [Store].
type Config struct {
	// Path is the database file, created if missing. Required. Every
	// process that shares sessions and grants opens the same file.
	Path string
	// BusyTimeout is how long a write waits for another connection's or
	// process's write to finish before it fails. Optional. Default: 5 s.
	BusyTimeout time.Duration
	// SweepInterval is how often expired rows are deleted. Optional.
	// Default: 1 minute. Negative: never (another process sweeps).
	SweepInterval time.Duration
	// SweepBatch is how many expired rows one DELETE removes; a sweep
	// repeats it until fewer are left, so the write lock is never held
	// for long. Optional. Default: 1000.
	SweepBatch int
	// Now is the store's clock, which expiries are measured on. Optional.
	// Default: time.Now (the machine's, shared by its processes).
	Now func() time.Time
}

// Store is a [core.Store], [core.Claimer] and [core.Locker] in a SQLite
// file, for sessions and grants, and an [adapter.MultiFinder] and
// [adapter.GrantLister]. It is safe for concurrent use, and several
// processes may open the same file. Close stops its sweeper and closes
// the file.
type Store struct {
	db    *sql.DB
	now   func() time.Time
	batch int

	stop      chan struct{}
	done      chan struct{}
	closeOnce sync.Once
	closeErr  error
}

var (
	_ core.Store          = (*Store)(nil)
	_ core.Claimer        = (*Store)(nil)
	_ core.Locker         = (*Store)(nil)
	_ adapter.MultiFinder = (*Store)(nil)
	_ adapter.GrantLister = (*Store)(nil)
)

// New opens (or creates) the file at cfg.Path in WAL mode with a busy
// timeout, creates the tables unless they exist ([Schema]), and starts
// the sweeper of expired rows. Close the Store when done.
func New(cfg Config) (*Store, error) {
	if cfg.Path == "" {
		return nil, errors.New("sqlitestore: Config.Path is required")
	}
	if cfg.BusyTimeout <= 0 {
		cfg.BusyTimeout = 5 * time.Second
	}
	if cfg.SweepInterval == 0 {
		cfg.SweepInterval = time.Minute
	}
	if cfg.SweepBatch <= 0 {
		cfg.SweepBatch = 1000
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", cfg.BusyTimeout.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+strings.ReplaceAll(cfg.Path, "?", "%3F")+"?"+q.Encode())
	if err != nil {
		return nil, unavailable("open", err)
	}
	if _, err := db.Exec(Schema); err != nil {
		db.Close()
		return nil, unavailable("create schema", err)
	}
	s := &Store{db: db, now: cfg.Now, batch: cfg.SweepBatch, stop: make(chan struct{}), done: make(chan struct{})}
	if cfg.SweepInterval > 0 {
		go s.sweeper(cfg.SweepInterval)
	} else {
		close(s.done)
	}
	return s, nil
}

// Close stops the sweeper and closes the database. Calling it again
// returns the first call's result.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		close(s.stop)
		<-s.done
		s.closeErr = s.db.Close()
	})
	return s.closeErr
}

// unavailable wraps a database error so core answers 503 and fails closed.
func unavailable(op string, err error) error {
	return fmt.Errorf("%w: sqlite %s: %w", core.ErrStoreUnavailable, op, err)
}

// ms is the store's time in Unix milliseconds.
func (s *Store) ms() int64 { return s.now().UnixMilli() }

// Find returns the value under key, if it has not expired.
func (s *Store) Find(ctx context.Context, key string) ([]byte, bool, error) {
	var b []byte
	err := s.db.QueryRowContext(ctx,
		`SELECT value FROM rememberizer_values WHERE key = ? AND expires_at > ?`, key, s.ms()).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
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
	out := make([][]byte, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	args := make([]any, 0, len(keys)+1)
	args = append(args, s.ms())
	for _, k := range keys {
		args = append(args, k)
	}
	rows, err := s.db.QueryContext(ctx,
		`SELECT key, value FROM rememberizer_values WHERE expires_at > ? AND key IN (?`+strings.Repeat(",?", len(keys)-1)+`)`, args...)
	if err != nil {
		return nil, unavailable("find many", err)
	}
	defer rows.Close()
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
	if b == nil {
		b = []byte{}
	}
	_, err := s.db.ExecContext(ctx, `
INSERT INTO rememberizer_values (key, value, expires_at) VALUES (?, ?, ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
		key, b, s.ms()+ttl.Milliseconds())
	if err != nil {
		return unavailable("commit", err)
	}
	return nil
}

// Delete removes key's value.
func (s *Store) Delete(ctx context.Context, key string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM rememberizer_values WHERE key = ?`, key); err != nil {
		return unavailable("delete", err)
	}
	return nil
}

// Claim records key for ttl and reports whether this call was the first,
// across every process using the file: one upsert that replaces only an
// expired claim.
func (s *Store) Claim(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	now := s.ms()
	res, err := s.db.ExecContext(ctx, `
INSERT INTO rememberizer_values (key, value, expires_at) VALUES (?, x'', ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
WHERE rememberizer_values.expires_at <= ?`,
		"claim:"+key, now+max(ttl, time.Second).Milliseconds(), now)
	if err != nil {
		return false, unavailable("claim", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, unavailable("claim", err)
	}
	return n == 1, nil
}

// ListGrants lists the live grants the store holds, a page of at most
// limit at a time, in key order (one range query on the primary key per
// page; the cursor is the page's last key): the adapter.GrantLister
// capability, which core.Client.GrantHolders uses.
func (s *Store) ListGrants(ctx context.Context, cursor string, limit int) ([]adapter.GrantRecord, string, error) {
	if limit <= 0 {
		return nil, "", fmt.Errorf("sqlitestore: ListGrants limit %d is not positive", limit)
	}
	// Keys that begin with "grant:" are those from "grant:" up to, not
	// including, "grant;" (':' + 1): SQLite compares TEXT bytewise.
	p := adapter.GrantKeyPrefix
	end := p[:len(p)-1] + string(p[len(p)-1]+1)
	rows, err := s.db.QueryContext(ctx, `
SELECT key, value FROM rememberizer_values
WHERE key >= ? AND key < ? AND key > ? AND expires_at > ?
ORDER BY key LIMIT ?`, p, end, cursor, s.ms(), limit)
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
