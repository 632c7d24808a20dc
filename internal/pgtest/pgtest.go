// Package pgtest starts a real PostgreSQL server (Debian's postgresql
// package) on a free loopback port in a temporary directory, for tests
// and benchmarks, and can stop and restart it on the same port.
//
// initdb and postgres refuse to run as root: run as root, the server runs
// as the user nobody, which owns the temporary directory.
package pgtest

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// ErrNotInstalled reports that no PostgreSQL server binaries were found.
var ErrNotInstalled = errors.New("PostgreSQL not found in /usr/lib/postgresql/*/bin; install it with: apt-get install -y postgresql")

// Server is a postgres process on 127.0.0.1, with a database "postgres"
// that the user "postgres" reaches without a password.
type Server struct {
	// Port is the server's TCP port on 127.0.0.1.
	Port int
	bin  string
	dir  string
	cred *syscall.Credential

	mu  sync.Mutex
	cmd *exec.Cmd
}

// Start runs a PostgreSQL server for the test and stops it when the test
// ends. Without the binaries, the test is skipped with a message naming
// the package to install, except under CI (CI set), where it fails.
func Start(t testing.TB) *Server {
	t.Helper()
	s, err := Launch()
	if errors.Is(err, ErrNotInstalled) && os.Getenv("CI") == "" {
		t.Skip(err.Error())
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// Lazy is one server for a whole test binary: started by the first test
// that asks for it, given to every later one, stopped by Close (from
// TestMain, after m.Run). A binary whose tests never ask starts nothing.
// Its zero value is ready to use; it is safe for concurrent use.
type Lazy struct {
	once sync.Once
	s    *Server
	err  error
}

// Server returns the shared server, starting it on the first call.
// Without the binaries t is skipped, or fails under CI, as with [Start];
// if the server failed to start, every caller fails.
func (l *Lazy) Server(t testing.TB) *Server {
	t.Helper()
	l.once.Do(func() { l.s, l.err = Launch() })
	if errors.Is(l.err, ErrNotInstalled) && os.Getenv("CI") == "" {
		t.Skip(l.err.Error())
	}
	if l.err != nil {
		t.Fatal(l.err)
	}
	return l.s
}

// Close stops the server if one was started.
func (l *Lazy) Close() {
	l.once.Do(func() {}) // no server can start after Close
	if l.s != nil {
		l.s.Close()
	}
}

// binDir returns the newest /usr/lib/postgresql/<version>/bin that holds
// initdb and postgres.
func binDir() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if isFile(filepath.Join(d, "initdb")) && isFile(filepath.Join(d, "postgres")) {
			return d, nil
		}
	}
	return "", ErrNotInstalled
}

func version(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}

// Launch initialises a database cluster in a temporary directory, runs
// postgres on a free loopback port and waits until it accepts
// connections. Close it when done.
func Launch() (*Server, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "pgtest-")
	if err != nil {
		return nil, err
	}
	s := &Server{bin: bin, dir: dir}
	if os.Geteuid() == 0 {
		if s.cred, err = nobody(); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		if err := os.Chown(dir, int(s.cred.Uid), int(s.cred.Gid)); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	initdb := s.command("initdb", "-D", s.data(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C")
	if out, err := initdb.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %w: %s", err, out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	s.Port = ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	if err := s.start(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// nobody is the credential of the user nobody.
func nobody() (*syscall.Credential, error) {
	u, err := user.Lookup("nobody")
	if err != nil {
		return nil, fmt.Errorf("pgtest: running as root needs the user nobody: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

func (s *Server) data() string { return filepath.Join(s.dir, "data") }

// command is one of the server's binaries, run as nobody when this
// process is root.
func (s *Server) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(s.bin, name), args...)
	cmd.Dir = s.dir
	if s.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	}
	return cmd
}

// DSN is a connection string for the server's database.
func (s *Server) DSN() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", s.Port)
}

func (s *Server) start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil {
		return nil
	}
	cmd := s.command("postgres", "-D", s.data(), "-h", "127.0.0.1", "-p", strconv.Itoa(s.Port),
		"-k", s.dir, "-F", "-c", "max_connections=200", "-c", "full_page_writes=off")
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	s.cmd = cmd
	deadline := time.Now().Add(30 * time.Second)
	for {
		out, err := s.command("pg_isready", "-h", "127.0.0.1", "-p", strconv.Itoa(s.Port), "-U", "postgres", "-t", "1").CombinedOutput()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			s.cmd = nil
			return fmt.Errorf("postgres on port %d not ready within 30 s: %s", s.Port, out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Stop shuts the server down (fast shutdown: open connections are cut);
// the data stays, and Restart brings it back on the same port.
func (s *Server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGINT)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
	s.cmd = nil
}

// Restart starts the stopped server again on the same port and waits
// until it accepts connections. It panics if it cannot, as the test
// cannot go on.
func (s *Server) Restart() {
	if err := s.start(); err != nil {
		panic(err)
	}
}

// Close stops the server for good and removes its directory.
func (s *Server) Close() {
	s.Stop()
	os.RemoveAll(s.dir)
}
