package redistest

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Cluster is a Redis Cluster of three masters (no replicas) on
// 127.0.0.1, each a redis-server process with cluster mode on.
type Cluster struct {
	// Addrs are the masters' host:port.
	Addrs []string
	dir   string
	cmds  []*exec.Cmd
}

// StartCluster runs a three-master Redis Cluster for the test, waits
// until every node reports cluster_state:ok, and stops it when the test
// ends. Without redis-server or redis-cli the test is skipped, except
// under CI (CI set), where it fails.
func StartCluster(t testing.TB) *Cluster {
	t.Helper()
	c, err := LaunchCluster()
	check(t, err)
	t.Cleanup(c.Close)
	return c
}

// LaunchCluster starts a three-master cluster: three redis-server
// processes with --cluster-enabled yes on free loopback ports, joined
// with redis-cli --cluster create. Close it when done.
func LaunchCluster() (*Cluster, error) {
	for _, bin := range []string{"redis-server", "redis-cli"} {
		if _, err := exec.LookPath(bin); err != nil {
			return nil, ErrNotInstalled
		}
	}
	dir, err := os.MkdirTemp("", "redistest-cluster-")
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir}
	if err := c.start(); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

func (c *Cluster) start() error {
	for i := range 3 {
		port, err := freePort()
		if err != nil {
			return err
		}
		addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
		node := fmt.Sprintf("%s/node%d", c.dir, i)
		if err := os.Mkdir(node, 0o700); err != nil {
			return err
		}
		cmd := exec.Command("redis-server", "--bind", "127.0.0.1", "--port", strconv.Itoa(port),
			"--cluster-enabled", "yes", "--cluster-config-file", node+"/nodes.conf",
			"--cluster-node-timeout", "5000", "--save", "", "--appendonly", "no",
			"--dir", node, "--protected-mode", "yes")
		if err := cmd.Start(); err != nil {
			return fmt.Errorf("start redis-server: %w", err)
		}
		c.cmds = append(c.cmds, cmd)
		c.Addrs = append(c.Addrs, addr)
	}
	for _, a := range c.Addrs {
		if err := waitFor(a, func() error { return ping(a) }); err != nil {
			return err
		}
	}
	args := append([]string{"--cluster", "create"}, c.Addrs...)
	args = append(args, "--cluster-replicas", "0", "--cluster-yes")
	if out, err := exec.Command("redis-cli", args...).CombinedOutput(); err != nil {
		return fmt.Errorf("redis-cli --cluster create: %w: %s", err, out)
	}
	for _, a := range c.Addrs {
		if err := waitFor(a, func() error { return clusterOK(a) }); err != nil {
			return err
		}
	}
	return nil
}

// Close stops every node and removes their directories.
func (c *Cluster) Close() {
	for _, cmd := range c.cmds {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}
	c.cmds = nil
	os.RemoveAll(c.dir)
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// waitFor calls ok until it returns nil, for up to 20 s.
func waitFor(addr string, ok func() error) error {
	deadline := time.Now().Add(20 * time.Second)
	for {
		err := ok()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("redis node %s not ready within 20 s: %w", addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// clusterOK asks a node for CLUSTER INFO and checks cluster_state:ok.
func clusterOK(addr string) error {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(time.Second))
	if _, err := conn.Write([]byte("CLUSTER INFO\r\n")); err != nil {
		return err
	}
	r := bufio.NewReader(conn)
	head, err := r.ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(head, "$") {
		return fmt.Errorf("unexpected answer %q", head)
	}
	n, err := strconv.Atoi(strings.TrimSpace(head[1:]))
	if err != nil {
		return err
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return err
	}
	if !strings.Contains(string(body), "cluster_state:ok") {
		return fmt.Errorf("cluster_state is not ok yet")
	}
	return nil
}
