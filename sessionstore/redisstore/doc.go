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
// holder dies).
//
// When Redis cannot be reached, every operation returns an error wrapping
// [core.ErrStoreUnavailable]: protected handlers are not called (503), and
// service resumes by itself when Redis is back.
package redisstore
