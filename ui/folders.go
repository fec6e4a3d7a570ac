package ui

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// largeAdd is how many files a drop may add without asking first.
const largeAdd = 100

// folderFiles lists the files in dir: its own (one level), or those of
// its subfolders too when recursive. Hidden files and folders (a name that
// starts with a dot) are left out. subfolders counts the folders met below
// dir and not gone into.
func folderFiles(dir string, recursive bool) (files []string, subfolders int, err error) {
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path == dir {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if !recursive {
				subfolders++
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf(lang.L("could not read the folder %s: %w"), dir, err)
	}
	return files, subfolders, nil
}

// dropPlan is what a drop would add: the files dropped, the files of the
// folders dropped (one level), and those of their subfolders, if asked.
type dropPlan struct {
	files, folders []string
	// direct are the files dropped and those directly in the folders.
	direct []string
	// subfolders counts the folders inside the folders dropped.
	subfolders int
}

// planDrop sorts the dropped paths into files and folders.
func planDrop(paths []string) (dropPlan, error) {
	var p dropPlan
	for _, path := range paths {
		info, err := os.Stat(path)
		if err != nil || !info.IsDir() {
			p.files = append(p.files, path) // the service says what is wrong with it
			continue
		}
		p.folders = append(p.folders, path)
		files, subs, err := folderFiles(path, false)
		if err != nil {
			return p, err
		}
		p.direct = append(p.direct, files...)
		p.subfolders += subs
	}
	p.direct = append(p.files, p.direct...)
	return p, nil
}

// withSubfolders is every file of the plan, the subfolders' included.
func (p dropPlan) withSubfolders() ([]string, error) {
	out := append([]string(nil), p.files...)
	for _, dir := range p.folders {
		files, _, err := folderFiles(dir, true)
		if err != nil {
			return nil, err
		}
		out = append(out, files...)
	}
	return out, nil
}

// addDropped adds dropped paths: a file as it is, a folder's files (one
// level). When a folder has subfolders, or the drop adds many files, the
// clerk says first whether to go on and whether to take the subfolders too.
func (w *Window) addDropped(paths []string) {
	plan, err := planDrop(paths)
	if err != nil {
		w.report(err)
		return
	}
	if plan.subfolders == 0 && len(plan.direct) <= largeAdd {
		w.AddPaths(plan.direct)
		return
	}
	w.confirmDrop(plan)
}

// confirmDrop asks before a large add or one with subfolders.
func (w *Window) confirmDrop(plan dropPlan) {
	text := widget.NewLabel(lang.N("Add {{.Count}} files from {{.From}}?", len(plan.direct), map[string]any{"Count": len(plan.direct), "From": folderNames(plan.folders)}))
	text.Wrapping = fyne.TextWrapWord
	sub := widget.NewCheck(lang.N("Also the files in its {{.Count}} subfolders", plan.subfolders, counted(plan.subfolders)), nil)
	content := fyne.CanvasObject(text)
	if plan.subfolders > 0 {
		content = container.NewVBox(text, sub)
	}
	d := dialog.NewCustomConfirm(lang.L("Add a folder"), lang.L("Add"), lang.L("Cancel"), content, func(ok bool) {
		if !ok {
			return
		}
		files := plan.direct
		if sub.Checked {
			all, err := plan.withSubfolders()
			if err != nil {
				w.report(err)
				return
			}
			files = all
		}
		w.AddPaths(files)
	}, w.win)
	d.Show()
}

// folderNames names the folders dropped: "Downloads", or "3 folders".
func folderNames(folders []string) string {
	switch len(folders) {
	case 0:
		return lang.L("what was dropped")
	case 1:
		return filepath.Base(folders[0])
	}
	return lang.N("{{.Count}} folders", len(folders), counted(len(folders)))
}
