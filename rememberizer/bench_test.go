package rememberizer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
)

// searchBody returns a search answer with n matched chunks, shaped like
// Rememberizer's.
func searchBody(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"data_sources":[{"name":"Google Drive","documents":4},{"name":"Slack","documents":3}],"matched_chunks":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"document":{"id":%d,"document_id":"1AbC%dxyz","name":"Quarterly planning notes %d","type":"application/vnd.google-apps.document",`+
			`"path":"/Planning/Q%d.docx","url":"https://docs.google.com/document/d/1AbC%dxyz","size":%d,"created_time":"2026-01-0%dT09:00:00Z",`+
			`"modified_time":"2026-01-0%dT10:00:00Z","indexed_on":"2026-01-0%dT11:00:00Z","integration":{"id":%d,"integration_type":"google_drive"}},`+
			`"matched_content":"The roadmap for the quarter puts search first, then offline notes and shared mementos; chunk %d of the planning document, with enough text to look like a real four-hundred-character chunk of a document that a semantic search would return to a caller asking about the roadmap and its launch dates.","distance":0.%04d}`,
			1000+i, i, i, i%4+1, i, 20000+i, i%9+1, i%9+1, i%9+1, i%3+1, i, 1000+i*37)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

// BenchmarkDecodeSearch decodes a 20-result search answer: the error check
// every answer goes through, then the result.
func BenchmarkDecodeSearch(b *testing.B) {
	body := searchBody(20)
	resp := &http.Response{StatusCode: http.StatusOK, Header: http.Header{}}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if e := checkAnswer(resp, body); e != nil {
			b.Fatal(e)
		}
		var w searchWire
		if err := json.Unmarshal(body, &w); err != nil {
			b.Fatal(err)
		}
		if r := w.result(); len(r.Chunks) != 20 {
			b.Fatalf("got %d chunks, want 20", len(w.result().Chunks))
		}
	}
}

// BenchmarkSearch is a whole Search call over an in-memory transport:
// building the request, reading the capped body and decoding it.
func BenchmarkSearch(b *testing.B) {
	body := searchBody(20)
	hc := &http.Client{Transport: transportFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body)), Request: r}, nil
	})}
	rc, err := New(hc, Config{BaseURL: "https://rememberizer.example"})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		r, err := rc.Search(ctx, "roadmap", &SearchOptions{N: 20})
		if err != nil || len(r.Chunks) != 20 {
			b.Fatalf("got %v, %v", r, err)
		}
	}
}

type transportFunc func(*http.Request) (*http.Response, error)

func (f transportFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// BenchmarkScanSearch is the JSON value count every answer goes through
// before it is decoded (Config.MaxResponseValues), on the answer
// BenchmarkDecodeSearch decodes, for comparison in the same run.
func BenchmarkScanSearch(b *testing.B) {
	body := searchBody(20)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if tooManyValues(body, DefaultMaxResponseValues) {
			b.Fatal("over the limit")
		}
	}
}
