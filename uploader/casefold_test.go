package uploader

import "testing"

// Names that differ only in case are one name to a Windows server: the
// second file asking for "policy.al3" while another holds "Policy.AL3" is
// told it is taken (keep both then picks "policy (2).al3"), and the two
// never share a temporary file.
func TestNameClaimsIgnoreCase(t *testing.T) {
	c := nameClaims{temp: map[tempKey]ItemID{}, final: map[string]ItemID{}}
	if held := c.claimFinal("/in/Policy.AL3", "a", true); held {
		t.Fatal("a free name was reported held")
	}
	if held := c.claimFinal("/in/policy.al3", "b", true); !held {
		t.Error("/in/policy.al3 was free for b while a held /in/Policy.AL3")
	}
	if held := c.claimFinal("/IN/POLICY.AL3", "a", true); held {
		t.Error("a's own name, in other case, was reported held by another")
	}
	c.release(journalItem{ID: "a"})
	if held := c.claimFinal("/in/policy.al3", "b", true); held {
		t.Error("the name stayed held after a released it")
	}

	upper := journalItem{RemoteDir: "/In", TempName: ".Policy.AL3.exchange-part"}
	lower := journalItem{RemoteDir: "/in", TempName: ".policy.al3.exchange-part"}
	if upper.tempKey() != lower.tempKey() {
		t.Errorf("temporary names %q and %q are different claims: two uploads could share one file on a Windows server",
			upper.TempName, lower.TempName)
	}
}
