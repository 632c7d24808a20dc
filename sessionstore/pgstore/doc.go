// Package pgstore keeps Rememberizer sessions and grants in PostgreSQL,
// for apps that run on many machines and have a database but no Redis.
//
//	pool, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
//	if err != nil {
//		log.Fatal(err)
//	}
//	if err := pgstore.EnsureSchema(ctx, pool); err != nil {
//		log.Fatal(err)
//	}
//	store, err := pgstore.New(pgstore.Config{Pool: pool})
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
// The store keeps every value in one table (see [Schema]): the key core
// made (a hash, never a cookie), the value core sealed (AES-256-GCM, so
// no token in the clear), and when it expires, on the database's clock.
// It is a [core.Claimer] (single-use sign-ins across instances: one
// upsert that only replaces an expired claim) and a [core.Locker] (one
// token refresh at a time across instances: a lease row with a random
// holder token and an expiry, deleted only by its holder, and no
// connection held while it is held), an adapter.MultiFinder (a session
// and its mark in one query) and an adapter.GrantLister (whose grants
// exist, in pages of one indexed range query, for
// core.Client.GrantHolders).
//
// Expired rows are never read, and are deleted by a sweeper every
// [Config.SweepInterval] in batches of [Config.SweepBatch]; [Store.Close]
// stops it.
//
// When the database cannot be reached, every operation returns an error
// wrapping [core.ErrStoreUnavailable]: protected handlers are not called
// (503), and service resumes by itself when the database is back.
package pgstore
