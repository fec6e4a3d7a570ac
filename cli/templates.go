package cli

import (
	"fmt"

	"exchange/app"
	"exchange/profile"
)

// listTemplates prints the Excel import templates a profile or --template
// can name: the built-in ones and those in the machine-wide folder. A file
// there that cannot be used is listed with its reason, and makes the exit
// code 1 so that an administrator's script notices.
func listTemplates(e env, asJSON bool) int {
	code := ExitOK
	entries := app.Templates().List()
	if !asJSON {
		fmt.Fprintf(e.stdout, "Excel import templates (administrator's folder: %s)\n", safeText(profile.MachineTemplatesDir()))
	}
	for _, t := range entries {
		if t.Err != nil {
			code = ExitFailed
			if asJSON {
				writeJSONLine(e.stdout, map[string]string{"source": t.Source, "error": t.Err.Error()})
			} else {
				fmt.Fprintf(e.stdout, "  %s: cannot be used: %s\n", safeName(t.Source), safeText(t.Err.Error()))
			}
			continue
		}
		if asJSON {
			writeJSONLine(e.stdout, map[string]any{"name": t.Template.Name, "source": t.Source, "columns": len(t.Template.Columns), "description": t.Template.Description})
			continue
		}
		fmt.Fprintf(e.stdout, "  %-24s %2d columns  %s\n", safeText(t.Template.Name), len(t.Template.Columns), safeText(t.Source))
		if t.Template.Description != "" {
			fmt.Fprintf(e.stdout, "  %-24s %s\n", "", safeText(t.Template.Description))
		}
	}
	return code
}
