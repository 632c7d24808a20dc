package demoenv

import (
	"fmt"

	"github.com/rzauth/rememberizer-go/sessionstore/sqlitestore"
)

// useSQLite keeps grants in the SQLite file at path, when it is set: they
// survive a restart, and every process on this machine that opens the
// file shares them.
func (e *Env) useSQLite(path string) error {
	if path == "" {
		return nil
	}
	if e.RedisStore != nil {
		return fmt.Errorf("SQLITE_PATH and REDIS_URL are both set; set one: REDIS_URL keeps sessions and grants in Redis, SQLITE_PATH keeps grants in a file on this machine")
	}
	store, err := sqlitestore.New(sqlitestore.Config{Path: path})
	if err != nil {
		return fmt.Errorf("SQLITE_PATH %s: %w", path, err)
	}
	e.SQLiteStore = store
	return nil
}
