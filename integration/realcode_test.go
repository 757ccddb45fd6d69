package integration

import (
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/buflint/buflint/internal/bufltest"
)

// TestRealCode runs scripts/realcode.sh: buflint over the standard library
// and five large real modules fetched through the module proxy. It fails if
// buflint panics, reports an internal error, or a module cannot be fetched;
// the table it prints lists packages, findings (none expected: these modules
// do not use the buffer package), time and memory. -short leaves it out: it
// downloads several hundred modules on a fresh machine.
func TestRealCode(t *testing.T) {
	if testing.Short() {
		t.Skip("fetches and analyzes large modules (minutes); runs without -short, as CI does")
	}
	cmd := exec.Command("bash", filepath.Join(bufltest.ModuleRoot(t), "scripts", "realcode.sh"))
	out, err := cmd.Output()
	t.Logf("\n%s", out)
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("scripts/realcode.sh: %v\n%s", err, stderr)
	}
}
