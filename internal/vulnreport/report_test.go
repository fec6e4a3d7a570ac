package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestACalledModuleVulnerabilityFails(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"testdata/findings.json"}, &out, &errOut); code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out.String(), errOut.String())
	}
	for _, want := range []string{
		"vulncheck: FAIL GO-2026-0001 in example.com/ftp v0.2.4: Panic on a crafted reply in example.com/ftp; raise example.com/ftp to v0.2.5 or later in go.mod\n",
		"vulncheck: WARNING GO-2026-0002 in the Go standard library go1.26.8: Request smuggling in net/http; build with Go 1.26.9 or later (this is go1.26.8)\n",
		"vulncheck: 2 known vulnerabilities reached from Exchange's code (1 failing), 1 more in what it imports or requires that its code does not reach\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestAStandardLibraryVulnerabilityWarnsUnlessAskedToFail(t *testing.T) {
	var out bytes.Buffer
	if code := run([]string{"testdata/stdlib-only.json"}, &out, &out); code != 0 {
		t.Fatalf("exit %d, want 0:\n%s", code, out.String())
	}
	out.Reset()
	if code := run([]string{"-stdlib", "fail", "testdata/stdlib-only.json"}, &out, &out); code != 1 {
		t.Fatalf("-stdlib fail: exit %d, want 1:\n%s", code, out.String())
	}
	if !strings.Contains(out.String(), "vulncheck: FAIL GO-2026-0002") {
		t.Errorf("output:\n%s", out.String())
	}
}
