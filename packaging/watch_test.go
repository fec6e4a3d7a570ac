package packaging

import (
	"os"
	"strings"
	"testing"
)

// The MSI's WATCH_DIR and WATCH_AFTER land where profile.MachineWatch reads
// them (HKLM\Software\Exchange\Watch, values Dir and After), in a component
// of the installed feature.
func TestWixSourceSetsUpTheMachineWideWatch(t *testing.T) {
	raw, err := os.ReadFile("windows/exchange.wxs.in")
	if err != nil {
		t.Fatal(err)
	}
	s := string(raw)
	for _, want := range []string{
		`Key="Software\Exchange\Watch"`, `Name="Dir" Type="string" Value="[WATCH_DIR]"`,
		`Name="After" Type="string" Value="[WATCH_AFTER]"`, `<ComponentRef Id="MachineWatch"/>`,
		`<Property Id="WATCH_AFTER" Value="move"/>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("exchange.wxs.in lacks %s", want)
		}
	}
}
