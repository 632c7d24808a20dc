package core

// CookieStoreForTest is the built-in sealed-cookie session store, for the
// browser-store conformance run in storetest_test.go (an external test
// package, which cannot name the unexported type).
var CookieStoreForTest = cookieStore{}
