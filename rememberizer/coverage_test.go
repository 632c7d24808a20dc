package rememberizer_test

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/rememberizer"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// fakeRoutes names the fake's route constants, as README's coverage
// table writes them.
var fakeRoutes = map[string]string{
	"AccountPath":              rememberizertest.AccountPath,
	"ProfilePath":              rememberizertest.ProfilePath,
	"IntegrationsPath":         rememberizertest.IntegrationsPath,
	"DocumentsPath":            rememberizertest.DocumentsPath,
	"SearchPath":               rememberizertest.SearchPath,
	"AgenticSearchPath":        rememberizertest.AgenticSearchPath,
	"BatchSearchPath":          rememberizertest.BatchSearchPath,
	"ContentsPath":             rememberizertest.ContentsPath,
	"DiscussionPath":           rememberizertest.DiscussionPath,
	"MemorizePath":             rememberizertest.MemorizePath,
	"UploadPath":               rememberizertest.UploadPath,
	"BatchUploadPath":          rememberizertest.BatchUploadPath,
	"MementosPath":             rememberizertest.MementosPath,
	"MementoPath":              rememberizertest.MementoPath,
	"MementoDocumentsPath":     rememberizertest.MementoDocumentsPath,
	"CommonKnowledgePath":      rememberizertest.CommonKnowledgePath,
	"VectorStoresPath":         rememberizertest.VectorStoresPath,
	"VectorStorePath":          rememberizertest.VectorStorePath,
	"CurrentVectorStorePath":   rememberizertest.CurrentVectorStorePath,
	"VectorStoreDocumentsPath": rememberizertest.VectorStoreDocumentsPath,
	"VectorStoreDocumentPath":  rememberizertest.VectorStoreDocumentPath,
	"VectorStoreTextPath":      rememberizertest.VectorStoreTextPath,
	"VectorStoreUploadPath":    rememberizertest.VectorStoreUploadPath,
	"VectorStoreSearchPath":    rememberizertest.VectorStoreSearchPath,
}

// notEndpoints are the Client's methods that call no endpoint.
var notEndpoints = []string{"Format", "LogValue", "MarshalJSON"}

// coverageRow is one row of README's coverage table.
type coverageRow struct {
	route   rememberizertest.Route
	methods []string
	fake    string
}

// readCoverageTable parses the table under README's "API coverage"
// heading.
func readCoverageTable(t *testing.T) []coverageRow {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n## API coverage\n")
	if !ok {
		t.Fatal(`README has no "## API coverage" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	var rows []coverageRow
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if !strings.HasPrefix(line, "| `") || len(cells) != 3 {
			continue
		}
		endpoint := strings.Trim(strings.TrimSuffix(cells[0], " †"), "`")
		method, path, _ := strings.Cut(endpoint, " ")
		var names []string
		for _, n := range strings.Split(cells[1], ", ") {
			names = append(names, strings.Trim(n, "`"))
		}
		rows = append(rows, coverageRow{rememberizertest.Route{Method: method, Path: path}, names, strings.Trim(cells[2], "`")})
	}
	if len(rows) == 0 {
		t.Fatal("README's coverage table has no rows")
	}
	return rows
}

// TestCoverageTable checks README's coverage table both ways: against the
// fake's route table, and against the client's methods.
func TestCoverageTable(t *testing.T) {
	t.Parallel()
	rows := readCoverageTable(t)
	client := reflect.TypeFor[*rememberizer.Client]()
	inTable := map[rememberizertest.Route]bool{}
	methods := map[string]string{} // client method → fake route
	for _, r := range rows {
		if inTable[r.route] {
			t.Errorf("%v: listed twice", r.route)
		}
		inTable[r.route] = true
		if got, ok := fakeRoutes[r.fake]; !ok || got != r.route.Path {
			t.Errorf("%v: fake route %s is %q, want the endpoint's path", r.route, r.fake, got)
		}
		for _, m := range r.methods {
			if _, ok := client.MethodByName(m); !ok {
				t.Errorf("%v: Client has no method %s", r.route, m)
			}
			methods[m] = r.route.Path
		}
	}
	fake := rememberizertest.Routes()
	for _, r := range fake {
		if !inTable[r] {
			t.Errorf("the fake serves %s %s, which README's coverage table does not list", r.Method, r.Path)
		}
	}
	for r := range inTable {
		if !slices.Contains(fake, r) {
			t.Errorf("README's coverage table lists %s %s, which the fake does not serve", r.Method, r.Path)
		}
	}
	for i := range client.NumMethod() {
		name := client.Method(i).Name
		if _, ok := methods[name]; !ok && !slices.Contains(notEndpoints, name) {
			t.Errorf("Client.%s calls no endpoint of README's coverage table", name)
		}
	}
	// The endpoint tests call each method on the route the table says.
	for _, tc := range endpointCases {
		if got := methods[tc.name]; got != tc.path {
			t.Errorf("%s: the table says %q, the endpoint test calls %q", tc.name, got, tc.path)
		}
	}
}
