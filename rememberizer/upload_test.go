package rememberizer_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/rememberizer"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// onlyReader hides every method but Read, so nothing can learn the
// size of what it reads.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

func TestUploadSizes(t *testing.T) {
	t.Parallel()
	const limit = 64
	body := func(n int) string { return strings.Repeat("word ", n)[:n] }
	tests := []struct {
		name      string
		upload    rememberizer.Upload
		wantErr   error // nil for success; errAPI400 for the fake's refusal
		wantCalls int
	}{
		{"0 bytes", rememberizer.Upload{Name: "empty.txt", Content: strings.NewReader("")}, errAPI400, 1},
		{"known size at the cap", rememberizer.Upload{Name: "a.txt", Content: strings.NewReader(body(limit)), Size: limit}, nil, 1},
		{"known size one byte over", rememberizer.Upload{Name: "a.txt", Content: strings.NewReader(body(limit + 1)), Size: limit + 1}, rememberizer.ErrUploadTooLarge, 0},
		{"unknown size at the cap", rememberizer.Upload{Name: "a.txt", Content: onlyReader{strings.NewReader(body(limit))}}, nil, 1},
		{"unknown size one byte over", rememberizer.Upload{Name: "a.txt", Content: onlyReader{strings.NewReader(body(limit + 1))}}, rememberizer.ErrUploadTooLarge, -1},
		{"content shorter than its size", rememberizer.Upload{Name: "a.txt", Content: strings.NewReader(body(10)), Size: 11}, rememberizer.ErrInvalidArgument, -1},
		{"no name", rememberizer.Upload{Content: strings.NewReader("x")}, rememberizer.ErrInvalidArgument, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, rememberizer.Config{MaxUploadBytes: limit})
			before := countDocuments(t, e.user)
			d, err := e.user.UploadDocument(context.Background(), tt.upload)
			switch {
			case tt.wantErr == nil:
				if err != nil || d.Size != limit {
					t.Fatalf("got %+v, %v, want a %d-byte document", d, err, limit)
				}
			case tt.wantErr == errAPI400:
				var apiErr *rememberizer.Error
				if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || !strings.Contains(apiErr.Detail, "empty") {
					t.Fatalf("got %v, want the fake's 400 for an empty file", err)
				}
			default:
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("got %v, want %v", err, tt.wantErr)
				}
			}
			// -1: the request went out and was cut; the fake may or may
			// not have counted it.
			if got := e.srv.Calls(rememberizertest.UploadPath); tt.wantCalls >= 0 && got != tt.wantCalls {
				t.Errorf("got %d requests, want %d", got, tt.wantCalls)
			}
			want := before
			if tt.wantErr == nil {
				want++
			}
			if got := countDocuments(t, e.user); got != want {
				t.Errorf("got %d documents, want %d", got, want)
			}
		})
	}
}

// errAPI400 stands for the fake's 400 answer in TestUploadSizes.
var errAPI400 = errors.New("400 from the API")

// countDocuments counts the user's documents.
func countDocuments(t *testing.T, rc *rememberizer.Client) int {
	t.Helper()
	n := 0
	for _, err := range rc.Documents(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	return n
}

func TestUploadIsStreamed(t *testing.T) {
	t.Parallel()
	// A reader that fails once read past its first bytes shows that the
	// client reads as it sends, and that the error ends the request.
	e := newEnv(t, rememberizer.Config{})
	boom := errors.New("disk on fire")
	r := io.MultiReader(strings.NewReader("first bytes "), errorReader{boom})
	_, err := e.user.UploadDocument(context.Background(), rememberizer.Upload{Name: "a.txt", Content: r})
	if !errors.Is(err, boom) {
		t.Errorf("got %v, want the reader's error", err)
	}
}

type errorReader struct{ err error }

func (e errorReader) Read([]byte) (int, error) { return 0, e.err }
