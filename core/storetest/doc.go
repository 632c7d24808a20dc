// Package storetest is the conformance suite of the stores core keeps
// sessions and grants in.
//
// [Run] tests a server-side [core.Store] (a byte store): commit, find and
// delete, expiry, binary values, keys kept apart, concurrent use, and, for
// stores that have them, the [core.Claimer] and [core.Locker]
// capabilities and the optional capabilities of package core/adapter:
// [adapter.MultiFinder] (several keys in one call) and
// [adapter.GrantLister] (1,000 grants listed exactly once each, deleted
// and expired ones never, writes during a listing, and
// core.Client.GrantHolders on top). It then runs core on top of the store, as a session store
// and as a grant store, against the fake Rememberizer: sign-in, refresh,
// background access, values copied under another key.
//
// [RunBrowser] tests an [adapter.BrowserStore], a store whose value lives
// in, or is named by, a cookie it manages (the gorilla/sessions bridge): saving, loading and deleting per browser
// and per slot, expiry, tampered and foreign cookies, fresh identities on
// sign-in, cookie attributes and concurrent use.
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, storetest.Config{
//			New: func(t *testing.T) core.Store { return newMyStore(t) }, // an empty store
//		})
//	}
//
// newMyStore returns an empty store of the kind under test. Without
// [Config.Advance] the expiry test waits for a one-second TTL to pass in
// real time; a store with a clock of its own passes that clock's Advance.
package storetest
