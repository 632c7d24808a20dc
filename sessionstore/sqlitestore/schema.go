package sqlitestore

// Schema is the store's two tables, created by [New] unless they exist:
// values (sessions, grants, marks and claims: a key, the sealed value
// and when it expires, in Unix milliseconds) and locks (a lease per lock:
// its holder's token and when it expires).
const Schema = `
CREATE TABLE IF NOT EXISTS rememberizer_values (
	key        TEXT PRIMARY KEY,
	value      BLOB NOT NULL,
	expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rememberizer_values_expires_at ON rememberizer_values (expires_at);
CREATE TABLE IF NOT EXISTS rememberizer_locks (
	key        TEXT PRIMARY KEY,
	holder     TEXT NOT NULL,
	expires_at INTEGER NOT NULL
) WITHOUT ROWID;
`
