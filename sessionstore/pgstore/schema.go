package pgstore

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Schema creates the store's two tables, if they do not exist: values
// (sessions, grants, marks and claims: a key, the sealed value and when
// it expires) and locks (a lease per lock: its holder's token and when
// it expires). Keys use the C collation, so that a range of keys is a
// range of bytes. Run it once with [EnsureSchema], or put it in your
// migrations.
const Schema = `
CREATE TABLE IF NOT EXISTS rememberizer_values (
	key        text COLLATE "C" PRIMARY KEY,
	value      bytea NOT NULL,
	expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS rememberizer_values_expires_at ON rememberizer_values (expires_at);
CREATE TABLE IF NOT EXISTS rememberizer_locks (
	key        text COLLATE "C" PRIMARY KEY,
	holder     text NOT NULL,
	expires_at timestamptz NOT NULL
);
`

// EnsureSchema runs [Schema] on pool: it creates the store's tables
// unless they exist. It is safe to run at every start, from every
// instance.
func EnsureSchema(ctx context.Context, pool *pgxpool.Pool) error {
	if pool == nil {
		return errors.New("pgstore: EnsureSchema needs a pool")
	}
	// Instances starting at once would race on CREATE ... IF NOT EXISTS
	// (a unique violation in the catalog): one at a time.
	tx, err := pool.Begin(ctx)
	if err != nil {
		return unavailable("create schema", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(7245011921)"); err != nil {
		return unavailable("create schema", err)
	}
	if _, err := tx.Exec(ctx, Schema); err != nil {
		return unavailable("create schema", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return unavailable("create schema", err)
	}
	return nil
}
