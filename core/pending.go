package core

import (
	"crypto/subtle"
	"time"
)

const (
	// pendingVersion is the first byte of an encoded pending-login list.
	pendingVersion = 1
	// maxPendingLogins bounds the sign-ins one browser may have under way
	// at once (parallel tabs); the oldest is evicted first.
	maxPendingLogins = 5
	// pendingBudget bounds the encoded list so that, sealed and base64
	// encoded, it always fits one cookie.
	pendingBudget = 2800
	// maxClockSkew is how far in the future a record's time may be, for
	// instances whose clocks differ a little.
	maxClockSkew = time.Minute
)

// pendingLogin is a sign-in that was started in this browser and not yet
// finished: the state sent to Rememberizer, the PKCE verifier that only we
// know, where to go afterwards, and when it began.
type pendingLogin struct {
	State     string
	Verifier  string
	ReturnTo  string
	CreatedAt time.Time
}

func encodePending(dst []byte, list []pendingLogin) []byte {
	e := encoder{buf: dst}
	e.byte(pendingVersion)
	e.uint(uint64(len(list)))
	for _, p := range list {
		e.string(p.State)
		e.string(p.Verifier)
		e.string(p.ReturnTo)
		e.time(p.CreatedAt.UnixMilli())
	}
	return e.buf
}

func decodePending(b []byte) ([]pendingLogin, error) {
	d := decoder{buf: string(b)}
	if d.byte() != pendingVersion {
		return nil, errMalformed
	}
	n := d.uint()
	if n > maxPendingLogins {
		return nil, errMalformed
	}
	list := make([]pendingLogin, 0, n)
	for i := uint64(0); i < n && d.err == nil; i++ {
		var p pendingLogin
		p.State = d.string()
		p.Verifier = d.string()
		p.ReturnTo = d.string()
		p.CreatedAt = time.UnixMilli(d.time())
		list = append(list, p)
	}
	if err := d.done(); err != nil {
		return nil, err
	}
	return list, nil
}

// addPending appends p to list, dropping expired entries and then the
// oldest ones until the list is within its count and size bounds. p
// itself is always kept.
func addPending(list []pendingLogin, p pendingLogin, now time.Time, ttl time.Duration) []pendingLogin {
	kept := make([]pendingLogin, 0, len(list)+1)
	for _, old := range list {
		if now.Sub(old.CreatedAt) < ttl && !old.CreatedAt.After(now.Add(maxClockSkew)) {
			kept = append(kept, old)
		}
	}
	kept = append(kept, p)
	for len(kept) > 1 && (len(kept) > maxPendingLogins || len(encodePending(nil, kept)) > pendingBudget) {
		kept = kept[1:]
	}
	return kept
}

// takePending finds the entry whose state equals state, comparing every
// entry in constant time, and returns it with the list of the others.
func takePending(list []pendingLogin, state string) (pendingLogin, []pendingLogin, bool) {
	found := -1
	for i := range list {
		if subtle.ConstantTimeCompare([]byte(list[i].State), []byte(state)) == 1 {
			found = i
		}
	}
	if found < 0 {
		return pendingLogin{}, list, false
	}
	rest := make([]pendingLogin, 0, len(list)-1)
	rest = append(rest, list[:found]...)
	rest = append(rest, list[found+1:]...)
	return list[found], rest, true
}
