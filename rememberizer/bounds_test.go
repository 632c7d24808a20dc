package rememberizer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/rzauth/rememberizer-go/rememberizer"
)

// hostile starts a server that answers every request with answer(r) and
// counts the requests, and a client of it with cfg.
func hostile(t *testing.T, cfg rememberizer.Config, answer func(r *http.Request) string) (*rememberizer.Client, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, answer(r))
	}))
	t.Cleanup(srv.Close)
	cfg.BaseURL = srv.URL
	rc, err := rememberizer.New(srv.Client(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return rc, &n
}

// pageNum is the page a request asks for, 1 without a page parameter.
func pageNum(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil {
		return 1
	}
	return n
}

// endless links every page to the next one, each a distinct URL.
func endless(r *http.Request) string {
	return fmt.Sprintf(`{"count": 1000000, "next": "%s?page=%d", "results": [{"id": %d}]}`, r.URL.Path, pageNum(r)+1, pageNum(r))
}

// cycling links page 3 back to page 1, through a link that differs from
// the first one (a reordered query, a fragment, a parameter added).
func cycling(r *http.Request) string {
	next := fmt.Sprintf("%s?page=%d&junk=%d", r.URL.Path, pageNum(r)+1, pageNum(r))
	if pageNum(r) == 3 {
		next = r.URL.Path + "?x=1&page=1#again"
	}
	return fmt.Sprintf(`{"count": 3, "next": %q, "results": [{"id": %d}]}`, next, pageNum(r))
}

// selfLink links each page to itself.
func selfLink(r *http.Request) string {
	return fmt.Sprintf(`{"count": 3, "next": %q, "results": [{"id": 1}]}`, r.URL.String())
}

// listCalls are the paginated lists the bounds apply to.
var listCalls = []struct {
	name string
	call func(rc *rememberizer.Client) error
}{
	{"Documents", allDocuments},
	{"Mementos", func(rc *rememberizer.Client) error {
		_, err := rc.Mementos(context.Background())
		return err
	}},
}

func TestPaginationBounded(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		cfg       rememberizer.Config
		answer    func(*http.Request) string
		wantErr   error
		wantCalls int64
	}{
		{"endless pages stop at MaxPages", rememberizer.Config{MaxPages: 25}, endless, rememberizer.ErrTooManyPages, 25},
		{"endless pages stop at the default", rememberizer.Config{}, endless, rememberizer.ErrTooManyPages, rememberizer.DefaultMaxPages},
		{"a cycle back to the first page", rememberizer.Config{}, cycling, rememberizer.ErrPageCycle, 3},
		{"a page linking to itself", rememberizer.Config{}, selfLink, rememberizer.ErrPageCycle, 1},
	}
	for _, tt := range tests {
		for _, lc := range listCalls {
			t.Run(tt.name+"/"+lc.name, func(t *testing.T) {
				t.Parallel()
				rc, calls := hostile(t, tt.cfg, tt.answer)
				if err := lc.call(rc); !errors.Is(err, tt.wantErr) {
					t.Fatalf("got %v, want %v", err, tt.wantErr)
				}
				if got := calls.Load(); got != tt.wantCalls {
					t.Errorf("got %d requests, want %d", got, tt.wantCalls)
				}
			})
		}
	}
}

func TestDocumentContentsBounded(t *testing.T) {
	t.Parallel()
	// Every batch is full and moves forward: a document without end.
	rc, calls := hostile(t, rememberizer.Config{MaxPages: 7}, func(r *http.Request) string {
		end, _ := strconv.Atoi(r.URL.Query().Get("end_chunk"))
		return fmt.Sprintf(`{"content": "more\n", "end_chunk": %d}`, end)
	})
	parts := 0
	var err error
	for _, e := range rc.DocumentContents(context.Background(), "1") {
		if e != nil {
			err = e
			break
		}
		parts++
	}
	if !errors.Is(err, rememberizer.ErrTooManyPages) || parts != 7 || calls.Load() != 7 {
		t.Errorf("got %d parts, %d requests and %v, want 7, 7 and ErrTooManyPages", parts, calls.Load(), err)
	}
}

// emptyObjects is an answer of about size bytes: a page whose results are
// empty objects, or a bare array of them.
func emptyObjects(size int, bare bool) string {
	var b bytes.Buffer
	if !bare {
		b.WriteString(`{"count": 1, "next": null, "results": `)
	}
	b.WriteString("[{}")
	for b.Len() < size-16 {
		b.WriteString(",{}")
	}
	b.WriteString("]")
	if !bare {
		b.WriteString("}")
	}
	return b.String()
}

func TestDecodeCostBounded(t *testing.T) {
	// Not parallel: it measures the memory the process allocates.
	const size = 8 << 20
	tests := []struct {
		name string
		bare bool
		call func(rc *rememberizer.Client) error
	}{
		{"Documents page", false, allDocuments},
		{"Mementos array", true, listCalls[1].call},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := emptyObjects(size, tt.bare)
			rc, _ := hostile(t, rememberizer.Config{MaxResponseBytes: 2 * size}, func(*http.Request) string { return body })
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			err := tt.call(rc)
			runtime.ReadMemStats(&after)
			if !errors.Is(err, rememberizer.ErrResponseTooLarge) {
				t.Fatalf("got %v, want ErrResponseTooLarge", err)
			}
			// Reading the body, on both sides of the connection, takes a
			// few times its size; decoding it took gigabytes.
			if got := after.TotalAlloc - before.TotalAlloc; got > 64<<20 {
				t.Errorf("got %d MiB allocated, want at most 64 MiB", got>>20)
			}
		})
	}
}

func TestMaxResponseValues(t *testing.T) {
	t.Parallel()
	// {"count", "next", "results"} and n results: n+3 values.
	page := func(n int) string {
		var b bytes.Buffer
		b.WriteString(`{"count": 1, "next": null, "results": [`)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"id": %d}`, i) // and one value each
		}
		b.WriteString(`]}`)
		return b.String()
	}
	tests := []struct {
		name    string
		results int
		wantErr error
	}{
		{"at the limit", 4, nil},                          // 3 + 4 + 4 = 11
		{"one over", 5, rememberizer.ErrResponseTooLarge}, // 3 + 5 + 5 = 13
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			body := page(tt.results)
			rc, _ := hostile(t, rememberizer.Config{MaxResponseValues: 11}, func(*http.Request) string { return body })
			if err := allDocuments(rc); !errors.Is(err, tt.wantErr) && !(tt.wantErr == nil && err == nil) {
				t.Errorf("got %v, want %v", err, tt.wantErr)
			}
		})
	}
}
