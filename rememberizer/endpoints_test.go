package rememberizer_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/rememberizer"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// env is a fake Rememberizer with a client acting as user 42 (through an
// API key), one vector store of the user's holding one text document,
// and a client holding that store's key.
type env struct {
	srv     *rememberizertest.Server
	user    *rememberizer.Client
	store   *rememberizer.Client
	storeID rememberizer.ID
	docID   rememberizer.ID
	sleeps  *sleeps
}

// newEnv sets up an env; cfg's BaseURL, APIKey and Sleep are filled in.
func newEnv(t *testing.T, cfg rememberizer.Config) *env {
	t.Helper()
	srv, key := apiKeyServer(t)
	e := &env{srv: srv, sleeps: &sleeps{}}
	e.user = e.client(t, cfg, key)
	ctx := context.Background()
	vs, err := e.user.CreateVectorStore(ctx, rememberizer.NewVectorStore{Name: "Support answers", Description: "FAQ"})
	if err != nil {
		t.Fatalf("CreateVectorStore: %v", err)
	}
	e.storeID = vs.ID
	storeKey, err := srv.IssueVectorStoreKey(string(vs.ID))
	if err != nil {
		t.Fatal(err)
	}
	e.store = e.client(t, cfg, storeKey)
	d, err := e.store.AddVectorStoreText(ctx, vs.ID, "Refunds", "Refunds are paid within five working days.")
	if err != nil {
		t.Fatalf("AddVectorStoreText: %v", err)
	}
	e.docID = d.ID
	return e
}

// client returns a client of e's fake sending key.
func (e *env) client(t *testing.T, cfg rememberizer.Config, key string) *rememberizer.Client {
	t.Helper()
	cfg.BaseURL, cfg.APIKey = e.srv.URL, key
	if cfg.Sleep == nil {
		cfg.Sleep = e.sleeps.sleep
	}
	rc, err := rememberizer.New(nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return rc
}

// endpointCase is one client method: the fake route it calls and how to
// call it, as the user or the store client (rc is the one the case
// names), with ids that exist or (missing) do not.
type endpointCase struct {
	name     string
	path     string // the fake's route, for FailNext and Calls
	get      bool   // a GET, retried on 429
	asStore  bool   // authenticated with the vector store's key
	call     func(ctx context.Context, e *env, rc *rememberizer.Client, missing bool) error
	noMissed bool // the path names nothing that could be missing
}

func upload(name, content string) rememberizer.Upload {
	return rememberizer.Upload{Name: name, Content: strings.NewReader(content), Size: int64(len(content))}
}

// id returns good, or an id nothing has when missing.
func id(good rememberizer.ID, missing bool) rememberizer.ID {
	if missing {
		return "999999"
	}
	return good
}

var endpointCases = []endpointCase{
	{name: "CreateVectorStore", path: rememberizertest.VectorStoresPath, noMissed: true,
		call: func(ctx context.Context, e *env, rc *rememberizer.Client, _ bool) error {
			vs, err := rc.CreateVectorStore(ctx, rememberizer.NewVectorStore{Name: "Second", SearchMetric: "l2"})
			if err == nil && (vs.ID == "" || vs.Name != "Second" || vs.SearchMetric != "l2" || vs.VectorDimension == 0) {
				return errors.New("unexpected store: " + vs.Name)
			}
			return err
		}},
	{name: "VectorStores", path: rememberizertest.VectorStoresPath, get: true, noMissed: true,
		call: func(ctx context.Context, e *env, rc *rememberizer.Client, _ bool) error {
			n := 0
			for vs, err := range rc.VectorStores(ctx) {
				if err != nil {
					return err
				}
				if vs.ID != e.storeID {
					return errors.New("unexpected store " + string(vs.ID))
				}
				n++
			}
			if n != 1 {
				return errors.New("want one store")
			}
			return nil
		}},
	{name: "VectorStore", path: rememberizertest.VectorStorePath, get: true,
		call: func(ctx context.Context, e *env, rc *rememberizer.Client, missing bool) error {
			vs, err := rc.VectorStore(ctx, id(e.storeID, missing))
			if err == nil && vs.Name != "Support answers" {
				return errors.New("unexpected store " + vs.Name)
			}
			return err
		}},
	{name: "UpdateVectorStore", path: rememberizertest.VectorStorePath,
		call: func(ctx context.Context, e *env, rc *rememberizer.Client, missing bool) error {
			vs, err := rc.UpdateVectorStore(ctx, id(e.storeID, missing), rememberizer.VectorStoreUpdate{Name: "Renamed"})
			if err == nil && (vs.Name != "Renamed" || vs.Description != "FAQ") {
				return errors.New("unexpected store " + vs.Name)
			}
			return err
		}},
	{name: "DeleteVectorStore", path: rememberizertest.VectorStorePath,
		call: func(ctx context.Context, e *env, rc *rememberizer.Client, missing bool) error {
			if err := rc.DeleteVectorStore(ctx, id(e.storeID, missing)); err != nil {
				return err
			}
			if _, err := rc.VectorStore(ctx, e.storeID); !rememberizer.IsNotFound(err) {
				return errors.New("the store is still there")
			}
			if _, err := e.store.CurrentVectorStore(ctx); !rememberizer.IsUnauthorized(err) {
				return errors.New("the store's key still works")
			}
			return nil
		}},
	{name: "CurrentVectorStore", path: rememberizertest.CurrentVectorStorePath, get: true, asStore: true, noMissed: true,
		call: func(ctx context.Context, e *env, rc *rememberizer.Client, _ bool) error {
			vs, err := rc.CurrentVectorStore(ctx)
			if err == nil && vs.ID != e.storeID {
				return errors.New("unexpected store " + string(vs.ID))
			}
			return err
		}},
	{name: "VectorStoreDocuments", path: rememberizertest.VectorStoreDocumentsPath, get: true, asStore: true,
		call: func(ctx context.Context, e *env, rc *rememberizer.Client, missing bool) error {
			var names []string
			for d, err := range rc.VectorStoreDocuments(ctx, id(e.storeID, missing)) {
				if err != nil {
					return err
				}
				names = append(names, d.Name)
			}
			if strings.Join(names, ",") != "Refunds" {
				return errors.New("unexpected documents " + strings.Join(names, ","))
			}
			return nil
		}},
	{name: "VectorStoreDocument", path: rememberizertest.VectorStoreDocumentPath, get: true, asStore: true,
		call: func(ctx context.Context, e *env, rc *rememberizer.Client, missing bool) error {
			d, err := rc.VectorStoreDocument(ctx, e.storeID, id(e.docID, missing))
			if err == nil && (d.Name != "Refunds" || d.Size == 0) {
				return errors.New("unexpected document " + d.Name)
			}
			return err
		}},
	{name: "AddVectorStoreText", path: rememberizertest.VectorStoreTextPath, asStore: true,
		call: func(ctx context.Context, e *env, rc *rememberizer.Client, missing bool) error {
			d, err := rc.AddVectorStoreText(ctx, id(e.storeID, missing), "Shipping", "Parcels ship on Mondays.")
			if err == nil && (d.ID == "" || d.Name != "Shipping") {
				return errors.New("unexpected document " + d.Name)
			}
			return err
		}},
	{name: "UploadVectorStoreFile", path: rememberizertest.VectorStoreUploadPath, asStore: true,
		call: func(ctx context.Context, e *env, rc *rememberizer.Client, missing bool) error {
			d, err := rc.UploadVectorStoreFile(ctx, id(e.storeID, missing), upload("returns.txt", "Returns are free for thirty days."))
			if err != nil {
				return err
			}
			res, err := rc.SearchVectorStore(ctx, e.storeID, "returns free", nil)
			if err != nil || d.Name != "returns.txt" || len(res.Chunks) != 1 || res.Chunks[0].Document.ID != d.ID {
				return errors.New("the uploaded file is not found by search")
			}
			return nil
		}},
	{name: "DeleteVectorStoreDocument", path: rememberizertest.VectorStoreDocumentPath, asStore: true,
		call: func(ctx context.Context, e *env, rc *rememberizer.Client, missing bool) error {
			if err := rc.DeleteVectorStoreDocument(ctx, e.storeID, id(e.docID, missing)); err != nil {
				return err
			}
			if _, err := rc.VectorStoreDocument(ctx, e.storeID, e.docID); !rememberizer.IsNotFound(err) {
				return errors.New("the document is still there")
			}
			return nil
		}},
	{name: "SearchVectorStore", path: rememberizertest.VectorStoreSearchPath, get: true, asStore: true,
		call: func(ctx context.Context, e *env, rc *rememberizer.Client, missing bool) error {
			res, err := rc.SearchVectorStore(ctx, id(e.storeID, missing), "refunds paid", &rememberizer.VectorStoreSearchOptions{N: 3, Threshold: 0.9})
			if err == nil && (res.VectorStore.ID != e.storeID || len(res.Chunks) != 1 || res.Chunks[0].Document.Name != "Refunds" ||
				!strings.Contains(res.Chunks[0].Content, "five working days")) {
				return errors.New("unexpected search result")
			}
			return err
		}},
	{name: "BatchSearch", path: rememberizertest.BatchSearchPath, noMissed: true,
		call: func(ctx context.Context, e *env, rc *rememberizer.Client, _ bool) error {
			res, err := rc.BatchSearch(ctx, []string{"roadmap", "zebra", "design review"}, &rememberizer.SearchOptions{N: 1})
			if err != nil {
				return err
			}
			if len(res) != 3 || len(res[0].Chunks) != 1 || res[0].Chunks[0].Document.Name != "Product roadmap 2026" ||
				len(res[1].Chunks) != 0 || len(res[2].Chunks) != 1 || res[2].Chunks[0].Document.Name != "#design" {
				return errors.New("unexpected batch search results")
			}
			return nil
		}},
	{name: "UploadDocument", path: rememberizertest.UploadPath, noMissed: true,
		call: func(ctx context.Context, e *env, rc *rememberizer.Client, _ bool) error {
			d, err := rc.UploadDocument(ctx, upload("parking.txt", "The visitor parking code is 4711."))
			if err != nil {
				return err
			}
			res, err := rc.Search(ctx, "visitor parking code", nil)
			if err != nil || d.Name != "parking.txt" || d.IntegrationType != "upload" || len(res.Chunks) != 1 || res.Chunks[0].Document.ID != d.ID {
				return errors.New("the uploaded document is not found by search")
			}
			return nil
		}},
	{name: "BatchUploadDocuments", path: rememberizertest.BatchUploadPath, noMissed: true,
		call: func(ctx context.Context, e *env, rc *rememberizer.Client, _ bool) error {
			res, err := rc.BatchUploadDocuments(ctx, []rememberizer.Upload{upload("a.txt", "alpha"), upload("b.txt", "beta"),
				{Name: "empty.txt", Content: strings.NewReader("")}})
			if err != nil {
				return err
			}
			if len(res.Documents) != 2 || res.Documents[1].Name != "b.txt" || len(res.Failed) != 1 || res.Failed[0].Name != "empty.txt" {
				return errors.New("unexpected batch upload result")
			}
			return nil
		}},
	{name: "UpdateMemento", path: rememberizertest.MementoPath,
		call: func(ctx context.Context, e *env, rc *rememberizer.Client, missing bool) error {
			m, err := rc.UpdateMemento(ctx, id("1", missing), "Research")
			if err != nil {
				return err
			}
			again, err := rc.Memento(ctx, "1")
			if err != nil || m.Name != "Research" || again.Name != "Research" || len(again.Documents) != 2 {
				return errors.New("the memento was not renamed")
			}
			return nil
		}},
	{name: "DeleteMemento", path: rememberizertest.MementoPath,
		call: func(ctx context.Context, e *env, rc *rememberizer.Client, missing bool) error {
			if err := rc.DeleteMemento(ctx, id("2", missing)); err != nil {
				return err
			}
			if _, err := rc.Memento(ctx, "2"); !rememberizer.IsNotFound(err) {
				return errors.New("the memento is still there")
			}
			return nil
		}},
	{name: "UpdateMementoDocuments", path: rememberizertest.MementoDocumentsPath,
		call: func(ctx context.Context, e *env, rc *rememberizer.Client, missing bool) error {
			err := rc.UpdateMementoDocuments(ctx, id("1", missing), rememberizer.MementoDocumentsChange{Add: []rememberizer.ID{"102"}, Remove: []rememberizer.ID{"101"}})
			if err != nil {
				return err
			}
			m, err := rc.Memento(ctx, "1")
			if err != nil {
				return err
			}
			var names []string
			for _, d := range m.Documents {
				names = append(names, d.Name)
			}
			if strings.Join(names, ",") != "#design,Meeting notes: retrieval research" {
				return errors.New("unexpected memento documents " + strings.Join(names, ","))
			}
			return nil
		}},
}

func TestEndpoints(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	throttled := rememberizertest.Fault{Status: http.StatusTooManyRequests, Body: `{"detail": "Request was throttled."}`, Header: http.Header{"Retry-After": {"1"}}}
	for _, tc := range endpointCases {
		pick := func(e *env) *rememberizer.Client {
			if tc.asStore {
				return e.store
			}
			return e.user
		}
		t.Run(tc.name+"/success", func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, rememberizer.Config{})
			before := e.srv.Calls(tc.path)
			if err := tc.call(ctx, e, pick(e), false); err != nil {
				t.Fatalf("got %v, want success", err)
			}
			if e.srv.Calls(tc.path) == before {
				t.Errorf("got no request to %s", tc.path)
			}
		})
		t.Run(tc.name+"/401", func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, rememberizer.Config{})
			var apiErr *rememberizer.Error
			err := tc.call(ctx, e, e.client(t, rememberizer.Config{}, "not-a-key"), false)
			if !errors.As(err, &apiErr) || !rememberizer.IsUnauthorized(err) || apiErr.Detail != "Invalid API key." {
				t.Errorf("got %v, want a 401 with the fake's detail", err)
			}
			if tc.asStore { // a user's key does not open a vector store
				if err := tc.call(ctx, e, e.user, false); !rememberizer.IsUnauthorized(err) {
					t.Errorf("with the user's key: got %v, want ErrUnauthorized", err)
				}
			}
		})
		t.Run(tc.name+"/404", func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, rememberizer.Config{})
			if tc.noMissed {
				e.failNext(t, tc.path, rememberizertest.Fault{Status: http.StatusNotFound, Body: `{"detail": "Not found."}`})
			}
			if err := tc.call(ctx, e, pick(e), true); !rememberizer.IsNotFound(err) {
				t.Errorf("got %v, want ErrNotFound", err)
			}
		})
		t.Run(tc.name+"/429", func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, rememberizer.Config{})
			before := e.srv.Calls(tc.path)
			e.failNext(t, tc.path, throttled)
			err := tc.call(ctx, e, pick(e), false)
			calls := e.srv.Calls(tc.path) - before
			if tc.get {
				if err != nil || len(e.sleeps.got()) != 1 || calls < 2 {
					t.Errorf("got %v after %d requests and waits %v, want success after a retry", err, calls, e.sleeps.got())
				}
				return
			}
			if !rememberizer.IsRateLimited(err) || calls != 1 || len(e.sleeps.got()) != 0 {
				t.Errorf("got %v after %d requests and waits %v, want ErrRateLimited after 1 request", err, calls, e.sleeps.got())
			}
		})
	}
}

func (e *env) failNext(t *testing.T, path string, f rememberizertest.Fault) {
	t.Helper()
	if err := e.srv.FailNext(path, f); err != nil {
		t.Fatal(err)
	}
}
