package notices

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
)

// Module is one third-party Go module linked into a program.
type Module struct {
	Path     string
	Version  string
	Licences []string // SPDX ids or expressions as detected; empty when none was found
}

func (m Module) String() string { return m.Path + " " + m.Version }

// cyclonedxBOM is the part of a CycloneDX JSON document read here.
type cyclonedxBOM struct {
	BOMFormat  string `json:"bomFormat"`
	Components []struct {
		Type     string `json:"type"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Licenses []struct {
			License *struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			} `json:"license"`
			Expression string `json:"expression"`
		} `json:"licenses"`
	} `json:"components"`
}

// ReadBOMs reads CycloneDX JSON files and returns the union of their
// library components, sorted by path and version.
func ReadBOMs(files ...string) ([]Module, error) {
	seen := map[string]Module{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read the SBOM: %w", err)
		}
		var bom cyclonedxBOM
		if err := json.Unmarshal(raw, &bom); err != nil {
			return nil, fmt.Errorf("read the SBOM %s: %w", f, err)
		}
		if bom.BOMFormat != "CycloneDX" {
			return nil, fmt.Errorf("read the SBOM %s: not a CycloneDX document (bomFormat %q)", f, bom.BOMFormat)
		}
		for _, c := range bom.Components {
			if c.Type != "library" {
				continue
			}
			m := Module{Path: c.Name, Version: c.Version}
			for _, l := range c.Licenses {
				switch {
				case l.Expression != "":
					m.Licences = append(m.Licences, l.Expression)
				case l.License != nil && l.License.ID != "":
					m.Licences = append(m.Licences, l.License.ID)
				case l.License != nil && l.License.Name != "":
					m.Licences = append(m.Licences, l.License.Name)
				}
			}
			seen[m.String()] = m
		}
	}
	mods := make([]Module, 0, len(seen))
	for _, m := range seen {
		mods = append(mods, m)
	}
	sort.Slice(mods, func(i, j int) bool {
		if mods[i].Path != mods[j].Path {
			return mods[i].Path < mods[j].Path
		}
		return mods[i].Version < mods[j].Version
	})
	return mods, nil
}
