// Command loadtest runs wrk against the net/http example app on loopback
// and compares a protected route, with a signed-in cookie, to the same
// app's public route.
//
//	go build -o /tmp/nethttp-example ./examples/nethttp   # from the repository root
//	go run ./cmd/loadtest -app /tmp/nethttp-example -out results/wrk.txt
//
// It starts the app in demo mode on a free loopback port (a fake
// Rememberizer with a consent page, and a random session key), signs in
// by walking the consent form, and runs, in each round: GET /healthz (no
// middleware), GET / (the public home page, OptionalRememberizer, no
// cookie) and GET /api/me (RequireRememberizer, with the cookie, signed
// in just before so that no activity write-back happens during the run).
// Each protected run is checked before and after to answer 200 for the
// signed-in user, since wrk counts a redirect to sign-in as a success.
// The app is stopped at the end.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

type options struct {
	app      string
	out      string
	wrk      string
	threads  int
	conns    int
	duration time.Duration
	warmup   time.Duration
	rounds   int
}

func main() {
	var o options
	flag.StringVar(&o.app, "app", "", "path to the built examples/nethttp binary (required)")
	flag.StringVar(&o.out, "out", "results/wrk.txt", "where to write wrk's reports and the summary")
	flag.StringVar(&o.wrk, "wrk", "wrk", "the wrk binary")
	flag.IntVar(&o.threads, "t", 2, "wrk threads")
	flag.IntVar(&o.conns, "c", 32, "wrk connections")
	flag.DurationVar(&o.duration, "d", 10*time.Second, "duration of each measured run")
	flag.DurationVar(&o.warmup, "warmup", 3*time.Second, "duration of the warm-up run of each route")
	flag.IntVar(&o.rounds, "rounds", 3, "rounds of (bare, public, protected); medians are reported")
	flag.Parse()
	if o.app == "" {
		fmt.Fprintln(os.Stderr, "loadtest: -app is required")
		os.Exit(2)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// route is one URL the load test drives.
type route struct {
	label     string
	path      string
	protected bool
}

var routes = []route{
	{"bare: GET /healthz (no middleware)", "/healthz", false},
	{"public: GET / (OptionalRememberizer, signed out)", "/", false},
	{"protected: GET /api/me (RequireRememberizer, signed in)", "/api/me", true},
}

func run(o options) error {
	if _, err := exec.LookPath(o.wrk); err != nil {
		return fmt.Errorf("%s not found; install it with: apt-get install -y wrk", o.wrk)
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	base := "http://127.0.0.1:" + port
	logFile, err := os.CreateTemp("", "loadtest-app-*.log")
	if err != nil {
		return err
	}
	defer os.Remove(logFile.Name())
	defer logFile.Close()

	app := exec.Command(o.app)
	app.Env = append(os.Environ(),
		"ADDR=127.0.0.1:"+port, "PUBLIC_URL="+base,
		"REMEMBERIZER_CLIENT_ID=", "REMEMBERIZER_CLIENT_SECRET=", "REMEMBERIZER_BASE_URL=",
		"SESSION_KEYS=", "REDIS_URL=")
	app.Stdout, app.Stderr = logFile, logFile
	if err := app.Start(); err != nil {
		return fmt.Errorf("start %s: %w", o.app, err)
	}
	defer stop(app)
	if err := waitReady(base+"/healthz", 30*time.Second); err != nil {
		logFile.Seek(0, io.SeekStart)
		log, _ := io.ReadAll(logFile)
		return fmt.Errorf("%w; app log:\n%s", err, log)
	}

	var report strings.Builder
	fmt.Fprintf(&report, "# wrk on loopback against examples/nethttp (demo mode), %s\n", time.Now().UTC().Format(time.RFC3339))
	fmt.Fprintf(&report, "# each run: %s -t%d -c%d -d%s --latency URL [-H 'Cookie: rememberizer_session=…']\n", o.wrk, o.threads, o.conns, o.duration)
	fmt.Fprintf(&report, "# warm-up %s per route, then %d rounds of bare, public, protected; medians below\n\n", o.warmup, o.rounds)

	for _, rt := range routes {
		cookie := ""
		if rt.protected {
			if cookie, err = signIn(base); err != nil {
				return fmt.Errorf("sign-in: %w", err)
			}
		}
		if _, _, err := wrk(o, base+rt.path, cookie, o.warmup); err != nil {
			return err
		}
	}

	rps := map[string][]float64{}
	for round := 1; round <= o.rounds; round++ {
		for _, rt := range routes {
			cookie := ""
			if rt.protected {
				if cookie, err = signIn(base); err != nil {
					return fmt.Errorf("sign-in: %w", err)
				}
				if err := checkSignedIn(base+rt.path, cookie); err != nil {
					return fmt.Errorf("before the run: %w", err)
				}
			}
			res, out, err := wrk(o, base+rt.path, cookie, o.duration)
			if err != nil {
				return err
			}
			if rt.protected {
				if err := checkSignedIn(base+rt.path, cookie); err != nil {
					return fmt.Errorf("after the run: %w", err)
				}
			}
			if res.Non2xx > 0 || res.Errors {
				return fmt.Errorf("%s: %d non-2xx/3xx answers or socket errors:\n%s", rt.path, res.Non2xx, out)
			}
			fmt.Fprintf(&report, "## round %d, %s\n%s\n", round, rt.label, strings.TrimRight(out, "\n"))
			fmt.Fprintf(&report, "\n")
			rps[rt.path] = append(rps[rt.path], res.RequestsPerSec)
			fmt.Printf("round %d %-60s %10.0f req/s\n", round, rt.label, res.RequestsPerSec)
		}
	}

	bare, public, protected := median(rps["/healthz"]), median(rps["/"]), median(rps["/api/me"])
	verdict := "met"
	if protected < 0.85*public {
		verdict = "missed"
	}
	var sum strings.Builder
	fmt.Fprintf(&sum, "# summary (median requests/s of %d runs each)\n", o.rounds)
	for _, rt := range routes {
		fmt.Fprintf(&sum, "%-60s %10.0f req/s  (runs: %s)\n", rt.label, median(rps[rt.path]), list(rps[rt.path]))
	}
	fmt.Fprintf(&sum, "protected / public:  %.1f %%  (target ≥ 85 %%: %s)\n", 100*protected/public, verdict)
	fmt.Fprintf(&sum, "protected / bare:    %.1f %%\n", 100*protected/bare)
	report.WriteString(sum.String())
	fmt.Print(sum.String())
	return os.WriteFile(o.out, []byte(report.String()), 0o644)
}

// wrk runs one load test and returns its parsed and raw report.
func wrk(o options, target, cookie string, d time.Duration) (wrkResult, string, error) {
	args := []string{fmt.Sprintf("-t%d", o.threads), fmt.Sprintf("-c%d", o.conns), "-d" + d.String(), "--latency", target}
	if cookie != "" {
		args = append(args, "-H", "Cookie: "+cookie)
	}
	out, err := exec.Command(o.wrk, args...).CombinedOutput()
	if err != nil {
		return wrkResult{}, string(out), fmt.Errorf("wrk %s: %w\n%s", target, err, out)
	}
	res, err := parseWrk(string(out))
	return res, string(out), err
}

// checkSignedIn asks target once with cookie and wants 200 with the
// user's JSON and no new cookie.
func checkSignedIn(target, cookie string) error {
	req, _ := http.NewRequest("GET", target, nil)
	req.Header.Set("Cookie", cookie)
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "@example.com") {
		return fmt.Errorf("%s with the session cookie: got %d %q, want 200 with the user", target, resp.StatusCode, body)
	}
	if sc := resp.Header.Values("Set-Cookie"); len(sc) > 0 {
		return fmt.Errorf("%s: the answer set a cookie (%d); the run would include session write-backs", target, len(sc))
	}
	return nil
}

func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	_, port, err := net.SplitHostPort(ln.Addr().String())
	return port, err
}

func waitReady(url string, within time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return errors.New("the app did not answer " + url + " in time")
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// stop ends the app this command started: SIGTERM, then SIGKILL after
// 10 s.
func stop(app *exec.Cmd) {
	_ = app.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = app.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = app.Process.Kill()
		<-done
	}
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func list(v []float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = fmt.Sprintf("%.0f", x)
	}
	return strings.Join(parts, ", ")
}
