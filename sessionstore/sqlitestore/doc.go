// Package sqlitestore keeps Rememberizer sessions and grants in a SQLite
// file (modernc.org/sqlite: pure Go, no cgo), for apps on one machine
// that want them to survive a restart with no server to run: several
// processes on the machine (Fiber's prefork, a web process and a worker)
// share the file.
//
//	store, err := sqlitestore.New(sqlitestore.Config{Path: os.Getenv("SQLITE_PATH")}) // e.g. /var/lib/myapp/rememberizer.db
//	if err != nil {
//		log.Fatal(err)
//	}
//	defer store.Close()
//	c, err := core.New(core.Config{
//		ClientID:     os.Getenv("REMEMBERIZER_CLIENT_ID"),
//		ClientSecret: os.Getenv("REMEMBERIZER_CLIENT_SECRET"),
//		RedirectURL:  "https://app.example.com/auth/rememberizer/callback",
//		SessionKeys:  [][]byte{sessionKey},
//		Store:        store,
//		GrantStore:   store,
//	})
//	if err != nil {
//		log.Fatal(err)
//	}
//
// The file is in WAL mode (readers never wait for the writer) with a busy
// timeout (a writer waits for another process's write rather than fail),
// and holds one table of values (see [Schema]): the key core made (a
// hash, never a cookie), the value core sealed (AES-256-GCM, so no token
// in the clear), and when it expires, in milliseconds on the store's
// clock (the machine's). The store is a [core.Claimer] and a
// [core.Locker] across every process using the file (a claim is one
// upsert that only replaces an expired claim; a lock is a lease row with
// a random holder token and an expiry, deleted only by its holder), an
// adapter.MultiFinder and an adapter.GrantLister (for
// core.Client.GrantHolders).
//
// Expired rows are never read, and are deleted every
// [Config.SweepInterval] in batches of [Config.SweepBatch]; [Store.Close]
// stops that and closes the file. Every failure of the database wraps
// [core.ErrStoreUnavailable]: core answers 503 and fails closed.
//
// Keep the file on a local disk: SQLite's locking is not reliable on
// network file systems, and the store is for one machine. For several
// machines use pgstore or redisstore.
package sqlitestore
