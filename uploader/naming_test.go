package uploader

import "testing"

func TestTempName(t *testing.T) {
	cases := []struct{ pattern, name, want string }{
		{"", "a.al3", ".a.al3.exchange-part"},
		{".NAME.exchange-part", "a.al3", ".a.al3.exchange-part"},
		{"NAME.tmp", "b.xlsx", "b.xlsx.tmp"},
		{".part", "c.al3", "c.al3.part"},
	}
	for _, c := range cases {
		if got := TempName(c.pattern, c.name); got != c.want {
			t.Errorf("TempName(%q, %q) = %q, want %q", c.pattern, c.name, got, c.want)
		}
	}
}

func TestKeepBothName(t *testing.T) {
	cases := []struct {
		name string
		n    int
		want string
	}{
		{"report.al3", 1, "report.al3"},
		{"report.al3", 2, "report (2).al3"},
		{"report.tar.gz", 3, "report.tar (3).gz"},
		{"README", 2, "README (2)"},
		{".hidden", 2, ".hidden (2)"},
	}
	for _, c := range cases {
		if got := keepBothName(c.name, c.n); got != c.want {
			t.Errorf("keepBothName(%q, %d) = %q, want %q", c.name, c.n, got, c.want)
		}
	}
}
