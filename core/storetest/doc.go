// Package storetest is the conformance suite every [core.Store] runs:
// saving, loading and deleting per browser and per slot, expiry, tampered
// and foreign cookies, fresh identities on sign-in, cookie attributes,
// concurrent use, and, for stores that have them, the [core.Claimer] and
// [core.Locker] capabilities.
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, storetest.Config{
//			New: func(t *testing.T) core.Store { return mystore.New(…) },
//		})
//	}
package storetest
