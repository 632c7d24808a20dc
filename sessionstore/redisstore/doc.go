// Package redisstore keeps Rememberizer sessions in Redis, for apps that
// run on many machines.
//
//	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"})
//	store, err := redisstore.New(redisstore.Config{Client: rdb})
//	if err != nil {
//		log.Fatal(err)
//	}
//	c, err := core.New(core.Config{
//		ClientID:     os.Getenv("REMEMBERIZER_CLIENT_ID"),
//		ClientSecret: os.Getenv("REMEMBERIZER_CLIENT_SECRET"),
//		RedirectURL:  "https://app.example.com/auth/rememberizer/callback",
//		SessionKeys:  [][]byte{sessionKey},
//		Store:        store,
//	})
//	if err != nil {
//		log.Fatal(err)
//	}
//
// The browser's cookie holds only a random 256-bit id. Redis holds the
// sealed session under a key derived from a hash of that id, so neither a
// dump of Redis (values are AES-256-GCM sealed by core, and keys do not
// reveal cookies) nor a stolen cookie alone shows a token. Entries expire
// with the session's lifetime. The store is a [core.Claimer] (single-use
// sign-ins across instances, with SET NX) and a [core.Locker] (one token
// refresh at a time across instances, with a lock that expires if its
// holder dies). It is also an [adapter.MultiFinder] (a session and the
// mark that may have ended it in one round trip) and an
// [adapter.GrantLister]: as a grant store, core.Client.GrantHolders lists
// whose grants it holds, a page at a time, never with KEYS or SCAN.
//
// # Keys and Redis Cluster
//
// Every key begins with [Config.Prefix]. Sessions, marks, claims and
// locks are one key each, and every command or script touches one key,
// so they spread over a Redis Cluster's slots freely; FindMany reads keys
// of different slots with a pipeline of one-key MGETs. Grants are kept
// in 16 shards, each with a hash tag ({g0} to {g15}) so that its three
// keys share a slot: the grant values (<prefix>{gN}grant:…), a sorted
// set of the shard's grant keys (<prefix>{gN}grants) and one of when
// each expires (<prefix>{gN}expiry). The scripts that commit and delete
// a grant update the three keys of one shard at once, which a cluster
// allows as they share a slot. A prefix that holds a hash tag itself
// ({…}) puts every key in one slot, which works but spreads nothing.
//
// When Redis cannot be reached, every operation returns an error wrapping
// [core.ErrStoreUnavailable]: protected handlers are not called (503), and
// service resumes by itself when Redis is back.
package redisstore
