// Package sessionstore holds store implementations beyond core's own
// (the default, with no Store: each session sealed in its cookie, no
// infrastructure; and [core.MemoryStore], one process):
//
//   - [GorillaStore], in this package, keeps Rememberizer's sealed values
//     in a gorilla/sessions store (sessions.CookieStore,
//     sessions.FilesystemStore, or any third-party sessions.Store). Pick it
//     when the app already keeps its sessions in gorilla and wants them in
//     one place; it is slower than core's stores, and its limits are
//     listed on the type.
//   - Package redisstore (sessionstore/redisstore) keeps them in Redis,
//     with only a random id in the cookie, and is a [core.Claimer] and
//     [core.Locker]: sign-ins stay single-use and token refreshes happen
//     once per session across every instance. Pick it when the app runs on
//     more than one instance.
//
// Using a gorilla store:
//
//	fs := sessions.NewFilesystemStore("/var/lib/app/sessions", hashKey, blockKey)
//	cfg.Store = sessionstore.NewGorillaStore(fs) // cfg: the app's core.Config
//	c, err := core.New(cfg)
//	if err != nil {
//		log.Fatal(err)
//	}
//
// Values reach every store already sealed with AES-256-GCM by core, so a
// store never sees a token in the clear. The gorilla store's own keys
// authenticate its cookie (and encrypt it, with a block key); keep them
// stable across restarts, as core's session keys.
package sessionstore
