package core

import "testing"

// TestDecodeSessionSecondsRecord reads a record of the version that kept
// times in seconds and had no flags: every field comes back, the tokens
// held in the record itself.
func TestDecodeSessionSecondsRecord(t *testing.T) {
	t.Parallel()
	want := sampleSession()
	lastSeen := encoder{}
	lastSeen.time(want.LastSeen.Unix())
	got, err := decodeSession(sessionWithLastSeen(lastSeen.buf))
	if err != nil {
		t.Fatalf("decodeSession: got error %v, want nil", err)
	}
	if !sessionsEqual(got, want) {
		t.Errorf("got %s, want %s", describeSession(got), describeSession(want))
	}
	if got.sec().grant {
		t.Error("got a grant-store session, want the tokens in the record")
	}
}
