//go:build unix

package engine

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vppvalidate/vppvalidate/internal/config"
)

// TestFoundPipeIsRefused: a named pipe where the project file is looked
// for is an error at once, not a run that waits for a writer forever.
func TestFoundPipeIsRefused(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, config.Name), 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := LoadSettings("", dir, config.Settings{})
		done <- err
	}()
	select {
	case err := <-done:
		var ce *config.Error
		if !errors.As(err, &ce) || !strings.Contains(ce.Msg, "not a regular file") {
			t.Fatalf("got %v, want a config.Error saying it is not a regular file", err)
		}
	case <-time.After(10 * time.Second):
		// Unblock the reader so that the test binary can end.
		if f, err := os.OpenFile(filepath.Join(dir, config.Name), os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		t.Fatal("LoadSettings waited on the pipe")
	}
}
