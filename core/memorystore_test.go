package core

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// memClock is a settable clock, safe for concurrent use.
type memClock struct {
	mu  sync.Mutex
	now time.Time
}

func newMemClock() *memClock { return &memClock{now: time.Unix(1_700_000_000, 0)} }

func (c *memClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *memClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

var memSlot = Slot{Name: "__Host-rememberizer_session", MaxAge: time.Hour, Secure: true}

// memSave saves value in slot with a request carrying cookie (if not ""),
// and returns the id cookie the browser holds afterwards.
func memSave(t *testing.T, m *MemoryStore, slot Slot, cookie string, value []byte) string {
	t.Helper()
	req := newFakeRequest("GET", "/")
	if cookie != "" {
		req.addCookie(slot.Name, cookie)
	}
	if err := m.Save(req, slot, value); err != nil {
		t.Fatalf("Save: got error %v, want nil", err)
	}
	if c, ok := req.sentCookie(slot.Name); ok {
		if c.MaxAge <= 0 {
			t.Fatalf("Save set a delete cookie %q, want an id cookie", c.String())
		}
		return c.Value
	}
	return cookie
}

func memLoad(t *testing.T, m *MemoryStore, slot Slot, cookie string) []byte {
	t.Helper()
	req := newFakeRequest("GET", "/").addCookie(slot.Name, cookie)
	v, err := m.Load(req, slot)
	if err != nil {
		t.Fatalf("Load: got error %v, want nil", err)
	}
	if got := req.sentCookies(); len(got) != 0 {
		t.Errorf("Load set cookies %v, want none", req.setCookieHeaders())
	}
	return v
}

func TestMemoryStoreSaveLoadDelete(t *testing.T) {
	t.Parallel()
	m := NewMemoryStore()
	req := newFakeRequest("GET", "/")
	if err := m.Save(req, memSlot, []byte("v1")); err != nil {
		t.Fatalf("Save: got error %v, want nil", err)
	}
	c, ok := req.sentCookie(memSlot.Name)
	if !ok {
		t.Fatalf("Save: got no cookie, want one naming the entry")
	}
	if !validMemoryID(c.Value) {
		t.Errorf("id cookie: got %q, want a %d-character base64url id", c.Value, memoryIDLen)
	}
	if c.MaxAge != 3600 || !c.Secure {
		t.Errorf("id cookie: got MaxAge %d Secure %v, want 3600 true", c.MaxAge, c.Secure)
	}
	if got := memLoad(t, m, memSlot, c.Value); string(got) != "v1" {
		t.Errorf("Load: got %q, want %q", got, "v1")
	}

	// Saving again with the live id keeps the id.
	next := req.followUp("GET", "/")
	if err := m.Save(next, memSlot, []byte("v2")); err != nil {
		t.Fatalf("second Save: got error %v, want nil", err)
	}
	if c2, ok := next.sentCookie(memSlot.Name); ok && c2.Value != c.Value {
		t.Errorf("second Save: got new id %q, want the id %q kept", c2.Value, c.Value)
	}
	if got := memLoad(t, m, memSlot, c.Value); string(got) != "v2" {
		t.Errorf("Load after second Save: got %q, want %q", got, "v2")
	}
	if n := m.Len(); n != 1 {
		t.Errorf("Len: got %d, want 1", n)
	}

	del := next.followUp("POST", "/logout")
	if err := m.Delete(del, memSlot); err != nil {
		t.Fatalf("Delete: got error %v, want nil", err)
	}
	dc, ok := del.sentCookie(memSlot.Name)
	if !ok || dc.MaxAge > 0 || dc.Secure != memSlot.Secure {
		t.Errorf("Delete cookie: got %+v (set %v), want an expiring cookie with Secure %v", dc, ok, memSlot.Secure)
	}
	if got := memLoad(t, m, memSlot, c.Value); got != nil {
		t.Errorf("Load after Delete: got %q, want nil", got)
	}
	if n := m.Len(); n != 0 {
		t.Errorf("Len after Delete: got %d, want 0", n)
	}
}

func TestMemoryStoreSaveCopiesValue(t *testing.T) {
	t.Parallel()
	m := NewMemoryStore()
	value := []byte("original")
	id := memSave(t, m, memSlot, "", value)
	copy(value, "XXXXXXXX")
	if got := memLoad(t, m, memSlot, id); string(got) != "original" {
		t.Errorf("Load after the caller changed its slice: got %q, want %q", got, "original")
	}
}

func TestMemoryStoreLoadMissingOrMalformed(t *testing.T) {
	t.Parallel()
	m := NewMemoryStore()
	live := memSave(t, m, memSlot, "", []byte("v"))
	tests := []struct {
		name   string
		cookie string
	}{
		{"no cookie", ""},
		{"short", "abc"},
		{"one short", live[:memoryIDLen-1]},
		{"one long", live + "A"},
		{"bad character", live[:memoryIDLen-1] + "."},
		{"padding", live[:memoryIDLen-1] + "="},
		{"space", live[:memoryIDLen-1] + " "},
		{"slot-prefixed key", memSlot.Name + ":" + live},
		{"non-ASCII", strings.Repeat("é", memoryIDLen/2) + "a"},
		{"unknown but well-formed", strings.Repeat("A", memoryIDLen)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := newFakeRequest("GET", "/")
			if tt.cookie != "" {
				req.addCookie(memSlot.Name, tt.cookie)
			}
			v, err := m.Load(req, memSlot)
			if v != nil || err != nil {
				t.Errorf("Load(%q): got %q, %v, want nil, nil", tt.cookie, v, err)
			}
		})
	}
}

func TestMemoryStoreMalformedIDNeverBecomesKey(t *testing.T) {
	t.Parallel()
	bad := []string{"abc", "../../etc/passwd", strings.Repeat("A", memoryIDLen-1) + ".", strings.Repeat("A", memoryIDLen+1), "x:y"}
	for _, id := range bad {
		t.Run(fmt.Sprintf("%q", id), func(t *testing.T) {
			t.Parallel()
			m := NewMemoryStore()
			if v := memLoad(t, m, memSlot, id); v != nil {
				t.Errorf("Load: got %q, want nil", v)
			}
			if n := m.Len(); n != 0 {
				t.Errorf("Len after Load: got %d, want 0", n)
			}
			got := memSave(t, m, memSlot, id, []byte("v"))
			if got == id {
				t.Fatalf("Save kept the malformed id %q, want a new one", id)
			}
			if !validMemoryID(got) {
				t.Errorf("Save: got id %q, want a well-formed one", got)
			}
			if n := m.Len(); n != 1 {
				t.Errorf("Len after Save: got %d, want 1", n)
			}
			m.mu.Lock()
			for k := range m.entries {
				if strings.Contains(k, id) {
					t.Errorf("map key %q contains the malformed id %q", k, id)
				}
			}
			m.mu.Unlock()
			if err := m.Delete(newFakeRequest("POST", "/").addCookie(memSlot.Name, id), memSlot); err != nil {
				t.Fatalf("Delete: got error %v, want nil", err)
			}
			if n := m.Len(); n != 1 {
				t.Errorf("Len after Delete with a malformed id: got %d, want 1 (the real entry untouched)", n)
			}
		})
	}
}

func TestMemoryStoreFreshSaveIssuesNewID(t *testing.T) {
	t.Parallel()
	m := NewMemoryStore()
	oldID := memSave(t, m, memSlot, "", []byte("before sign-in"))

	fresh := memSlot
	fresh.Fresh = true
	req := newFakeRequest("GET", "/callback").addCookie(memSlot.Name, oldID)
	if err := m.Save(req, fresh, []byte("after sign-in")); err != nil {
		t.Fatalf("Save: got error %v, want nil", err)
	}
	c, ok := req.sentCookie(memSlot.Name)
	if !ok {
		t.Fatalf("fresh Save: got no cookie, want a new id")
	}
	if c.Value == oldID {
		t.Fatalf("fresh Save: got the old id %q, want a new one", oldID)
	}
	if got := memLoad(t, m, memSlot, oldID); got != nil {
		t.Errorf("Load with the old id: got %q, want nil", got)
	}
	if got := memLoad(t, m, memSlot, c.Value); string(got) != "after sign-in" {
		t.Errorf("Load with the new id: got %q, want %q", got, "after sign-in")
	}
	if n := m.Len(); n != 1 {
		t.Errorf("Len: got %d, want 1 (old entry deleted)", n)
	}
}

func TestMemoryStoreDoesNotAdoptUnknownID(t *testing.T) {
	t.Parallel()
	m := NewMemoryStore()
	planted := strings.Repeat("P", memoryIDLen) // well-formed, never issued
	got := memSave(t, m, memSlot, planted, []byte("victim's session"))
	if got == planted {
		t.Fatalf("Save adopted the planted id %q, want a new one", planted)
	}
	if v := memLoad(t, m, memSlot, planted); v != nil {
		t.Errorf("Load with the planted id: got %q, want nil", v)
	}
	if v := memLoad(t, m, memSlot, got); string(v) != "victim's session" {
		t.Errorf("Load with the issued id: got %q, want %q", v, "victim's session")
	}
}

func TestMemoryStoreSlotsAreSeparate(t *testing.T) {
	t.Parallel()
	m := NewMemoryStore()
	a := Slot{Name: "a", MaxAge: time.Hour}
	b := Slot{Name: "b", MaxAge: time.Hour}
	id := memSave(t, m, a, "", []byte("in a"))
	if v := memLoad(t, m, b, id); v != nil {
		t.Errorf("Load of slot b with slot a's id: got %q, want nil", v)
	}
	// Saving into b with a's id does not reuse it either.
	if got := memSave(t, m, b, id, []byte("in b")); got == id {
		t.Errorf("Save into slot b adopted slot a's id %q, want a new one", id)
	}
}

func TestMemoryStoreExpiry(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		after   time.Duration
		wantHit bool
	}{
		{"just saved", 0, true},
		{"one second before expiry", 10*time.Minute - time.Second, true},
		{"at expiry", 10 * time.Minute, false},
		{"after expiry", 10*time.Minute + time.Second, false},
	}
	slot := Slot{Name: "rememberizer_login", MaxAge: 10 * time.Minute}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newMemClock()
			m := NewMemoryStore(MemoryStoreConfig{Now: clock.Now})
			id := memSave(t, m, slot, "", []byte("v"))
			clock.Advance(tt.after)
			v := memLoad(t, m, slot, id)
			if (v != nil) != tt.wantHit {
				t.Errorf("Load %v after Save: got %q, want hit %v", tt.after, v, tt.wantHit)
			}
			if !tt.wantHit && m.Len() != 0 {
				t.Errorf("Len after loading an expired entry: got %d, want 0", m.Len())
			}
		})
	}
}

func TestMemoryStoreSaveOverExpiredIDIssuesNewID(t *testing.T) {
	t.Parallel()
	clock := newMemClock()
	m := NewMemoryStore(MemoryStoreConfig{Now: clock.Now})
	slot := Slot{Name: "s", MaxAge: time.Minute}
	id := memSave(t, m, slot, "", []byte("v1"))
	clock.Advance(time.Minute)
	got := memSave(t, m, slot, id, []byte("v2"))
	if got == id {
		t.Errorf("Save over an expired id: got the same id %q, want a new one", id)
	}
	if n := m.Len(); n != 1 {
		t.Errorf("Len: got %d, want 1", n)
	}
}

func TestMemoryStoreSweep(t *testing.T) {
	t.Parallel()
	clock := newMemClock()
	m := NewMemoryStore(MemoryStoreConfig{Now: clock.Now, SweepEvery: 4})
	short := Slot{Name: "short", MaxAge: time.Minute}
	long := Slot{Name: "long", MaxAge: time.Hour}
	for i := 0; i < 3; i++ {
		memSave(t, m, short, "", []byte("s"))
	}
	if n := m.Len(); n != 3 {
		t.Fatalf("Len after 3 saves: got %d, want 3", n)
	}
	clock.Advance(2 * time.Minute)
	memSave(t, m, long, "", []byte("l")) // 4th save sweeps
	if n := m.Len(); n != 1 {
		t.Errorf("Len after the sweeping save: got %d, want 1", n)
	}
}

// Save with the browser's live id must re-send the id cookie, so that the
// cookie lives as long as the entry it names (Store: "Save keeps value in
// slot for this browser for slot.MaxAge, and sets whatever cookie that
// takes"). The pending-login slot has a fixed MaxAge, so a second sign-in
// started five minutes after the first extends the entry but not the
// cookie, and the browser drops the cookie while the second sign-in is
// still within its TTL.
func TestMemoryStoreResaveRefreshesCookieLifetime(t *testing.T) {
	t.Parallel()
	clock := newMemClock()
	m := NewMemoryStore(MemoryStoreConfig{Now: clock.Now})
	slot := Slot{Name: "rememberizer_login", MaxAge: 10 * time.Minute}
	first := newFakeRequest("GET", "/auth/rememberizer/login")
	if err := m.Save(first, slot, []byte("login 1")); err != nil {
		t.Fatalf("Save: got error %v, want nil", err)
	}
	clock.Advance(5 * time.Minute)
	second := first.followUp("GET", "/auth/rememberizer/login")
	if err := m.Save(second, slot, []byte("logins 1 and 2")); err != nil {
		t.Fatalf("second Save: got error %v, want nil", err)
	}
	c, ok := second.sentCookie(slot.Name)
	if !ok {
		t.Fatalf("second Save: got no Set-Cookie, want the id cookie again with Max-Age=600 (the browser's cookie otherwise expires 5 minutes before the entry)")
	}
	if c.MaxAge != 600 {
		t.Errorf("second Save cookie: got Max-Age %d, want 600", c.MaxAge)
	}
}

func TestMemoryStoreConcurrent(t *testing.T) {
	t.Parallel()
	m := NewMemoryStore(MemoryStoreConfig{SweepEvery: 7})
	const workers, rounds = 32, 50
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := ""
			for i := 0; i < rounds; i++ {
				want := []byte(fmt.Sprintf("worker %d round %d", w, i))
				req := newFakeRequest("GET", "/")
				if id != "" {
					req.addCookie(memSlot.Name, id)
				}
				if err := m.Save(req, memSlot, want); err != nil {
					errs <- fmt.Errorf("worker %d: Save: %v", w, err)
					return
				}
				if c, ok := req.sentCookie(memSlot.Name); ok {
					id = c.Value
				}
				got, err := m.Load(newFakeRequest("GET", "/").addCookie(memSlot.Name, id), memSlot)
				if err != nil || !bytes.Equal(got, want) {
					errs <- fmt.Errorf("worker %d round %d: Load got %q, %v, want %q, nil", w, i, got, err, want)
					return
				}
				if i%10 == 9 {
					if err := m.Delete(newFakeRequest("POST", "/").addCookie(memSlot.Name, id), memSlot); err != nil {
						errs <- fmt.Errorf("worker %d: Delete: %v", w, err)
						return
					}
					id = ""
				}
				_ = m.Len()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := m.Len(); n != 0 {
		t.Errorf("Len after every worker deleted its entry: got %d, want 0", n)
	}
}

func TestMemoryStoreConcurrentSameBrowser(t *testing.T) {
	t.Parallel()
	m := NewMemoryStore()
	id := memSave(t, m, memSlot, "", []byte("start"))
	const workers = 32
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := newFakeRequest("GET", "/").addCookie(memSlot.Name, id)
			if err := m.Save(req, memSlot, []byte(fmt.Sprintf("w%02d", w))); err != nil {
				t.Errorf("Save: got error %v, want nil", err)
			}
			if c, ok := req.sentCookie(memSlot.Name); ok && c.Value != id {
				t.Errorf("Save with the live id: got new id %q, want %q kept", c.Value, id)
			}
			if _, err := m.Load(newFakeRequest("GET", "/").addCookie(memSlot.Name, id), memSlot); err != nil {
				t.Errorf("Load: got error %v, want nil", err)
			}
		}()
	}
	wg.Wait()
	got := memLoad(t, m, memSlot, id)
	if len(got) != 3 || got[0] != 'w' {
		t.Errorf("Load after concurrent saves: got %q, want one of the saved values", got)
	}
	if n := m.Len(); n != 1 {
		t.Errorf("Len: got %d, want 1", n)
	}
}
