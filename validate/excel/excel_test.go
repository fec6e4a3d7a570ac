package excel

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"exchange/validate/report"
)

// book makes a workbook with excelize: sheet name -> rows.
func book(t testing.TB, sheets map[string][][]any, order ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range order {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if s, ok := v.(string); ok && strings.HasPrefix(s, "=") {
					if err := f.SetCellFormula(name, cell, s[1:]); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if err := f.SetCellValue(name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// rezip copies a workbook's parts, dropping some and adding others.
func rezip(t testing.TB, src []byte, drop []string, add map[string][]byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	skip := map[string]bool{}
	for _, d := range drop {
		skip[d] = true
	}
	for _, f := range zr.File {
		if skip[f.Name] {
			continue
		}
		w, _ := zw.Create(f.Name)
		rc, _ := f.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	for name, data := range add {
		w, _ := zw.Create(name)
		w.Write(data)
	}
	zw.Close()
	return b.Bytes()
}

func check(t testing.TB, data []byte, opts Options) ([]report.Finding, *report.ExcelSummary) {
	t.Helper()
	fs, sum, err := CheckWorkbook(bytes.NewReader(data), int64(len(data)), opts)
	if err != nil {
		t.Fatal(err)
	}
	return fs, sum
}

func rules(fs []report.Finding) map[string][]report.Finding {
	m := map[string][]report.Finding{}
	for _, f := range fs {
		m[f.Rule] = append(m[f.Rule], f)
	}
	return m
}

var policies = [][]any{
	{"LOB", "Policy Number", "Named Insured", "Effective Date", "Expiration Date", "Written Premium", "Company", "NAIC"},
	{"AUTOP", "PA-1001", "Jane Doe", "2026-11-01", "2027-11-01", 1234.5, "Vermont Mutual", "12345"},
	{"HOME", "HO-2002", "John Roe", "11/15/2026", "11/15/2027", "$2,100.00", "Vermont Mutual", "12345"},
}

func TestCleanWorkbook(t *testing.T) {
	data := book(t, map[string][][]any{"Policies": policies}, "Policies")
	fs, sum := check(t, data, Options{})
	if len(fs) != 0 {
		t.Fatalf("findings on a clean workbook: %+v", fs)
	}
	if len(sum.Sheets) != 1 || sum.Sheets[0].Rows != 3 || sum.Sheets[0].Columns != 8 {
		t.Errorf("summary = %+v", sum.Sheets)
	}
	if !IsWorkbookZip(bytes.NewReader(data), int64(len(data))) {
		t.Error("IsWorkbookZip says no")
	}
}

func TestWorkbookFindings(t *testing.T) {
	withErrors := book(t, map[string][][]any{
		"Data":   {{"a", "b"}, {1, "=1/0"}, {"=B2", "=NOSUCHFUNC()"}},
		"Hidden": {{"x"}},
	}, "Data", "Hidden")
	f, _ := excelize.OpenReader(bytes.NewReader(withErrors))
	// excelize writes formulas without cached values: give the cells the values Excel would show.
	f.SetCellValue("Data", "B2", "#DIV/0!")
	f.SetCellValue("Data", "B3", "#NAME?")
	f.SetSheetVisible("Hidden", false)
	var b bytes.Buffer
	f.Write(&b)
	f.Close()
	fs, sum := check(t, b.Bytes(), Options{})
	got := rules(fs)
	if len(got[RuleFormulaError]) != 2 || got[RuleFormulaError][0].Cell != "B2" || got[RuleFormulaError][1].Cell != "B3" {
		t.Errorf("formula errors = %+v", got[RuleFormulaError])
	}
	if len(got[RuleHiddenSheet]) != 1 || got[RuleHiddenSheet][0].Sheet != "Hidden" || got[RuleHiddenSheet][0].Severity != report.SeverityInfo {
		t.Errorf("hidden sheet = %+v", got[RuleHiddenSheet])
	}
	if !sum.Sheets[1].Hidden {
		t.Error("summary does not mark the hidden sheet")
	}
}

func TestFormulaErrorsAreCapped(t *testing.T) {
	rows := [][]any{}
	for i := 0; i < 30; i++ {
		rows = append(rows, []any{"#REF!"})
	}
	data := book(t, map[string][][]any{"S": rows}, "S")
	fs, omitted, _, err := Workbook(bytes.NewReader(data), int64(len(data)), Options{MaxListed: 10})
	if err != nil {
		t.Fatal(err)
	}
	got := rules(fs)
	want := []report.Omitted{{Rule: RuleFormulaError, Severity: report.SeverityWarning, Count: 20}}
	if len(got[RuleFormulaError]) != 10 || len(fs) != 10 || !reflect.DeepEqual(omitted, want) {
		t.Errorf("capped list: %d listed of %d findings, omitted %+v, want 10 and %+v", len(got[RuleFormulaError]), len(fs), omitted, want)
	}
}

// TestWarningsDoNotAskForAFixBeforeSending: warnings are sent at once, so
// their sentences must not tell the clerk to fix the file before sending.
func TestWarningsDoNotAskForAFixBeforeSending(t *testing.T) {
	fs, _ := check(t, book(t, map[string][][]any{"S": {{"#REF!", "#N/A"}}}, "S"), Options{})
	if len(fs) == 0 {
		t.Fatal("no finding for cells showing formula errors")
	}
	for _, f := range fs {
		lower := strings.ToLower(f.Text)
		if f.Severity != report.SeverityError && (strings.Contains(lower, "before sending") || strings.Contains(lower, "fix it")) {
			t.Errorf("the %s %s asks for a fix before sending: %q", f.Severity, f.Rule, f.Text)
		}
	}
}

func TestMacrosExternalLinksNoData(t *testing.T) {
	base := book(t, map[string][][]any{"S": {{"x"}}}, "S")
	m := rezip(t, base, nil, map[string][]byte{"xl/vbaProject.bin": []byte("macro"), "xl/externalLinks/externalLink1.xml": []byte("<externalLink/>")})
	fs, sum := check(t, m, Options{})
	got := rules(fs)
	if len(got[RuleMacros]) != 1 || !sum.Macros || len(got[RuleExternalLinks]) != 1 {
		t.Errorf("findings = %+v", fs)
	}
	for _, f := range fs {
		if f.Severity == report.SeverityError {
			t.Errorf("macros and links are warnings, got error %+v", f)
		}
	}
	empty := book(t, map[string][][]any{"S": nil}, "S")
	if got := rules(func() []report.Finding { fs, _ := check(t, empty, Options{}); return fs }()); len(got[RuleNoData]) != 1 {
		t.Errorf("empty workbook: %+v", got)
	}
}

func TestBrokenWorkbooks(t *testing.T) {
	base := book(t, map[string][][]any{"S": {{"x"}}}, "S")
	for name, tc := range map[string]struct {
		data []byte
		rule string
	}{
		"truncated":    {base[:len(base)/2], RuleCorrupt},
		"no workbook":  {rezip(t, base, []string{"xl/workbook.xml"}, nil), RuleMissingPart},
		"no types":     {rezip(t, base, []string{"[Content_Types].xml"}, nil), RuleMissingPart},
		"garbage part": {rezip(t, base, []string{"xl/workbook.xml"}, map[string][]byte{"xl/workbook.xml": []byte("<not xml")}), RuleCorrupt},
	} {
		fs, _ := check(t, tc.data, Options{})
		if len(rules(fs)[tc.rule]) == 0 {
			t.Errorf("%s: findings %+v, want %s", name, fs, tc.rule)
		}
	}
}

func TestZipBombIsRefusedBeforeOpening(t *testing.T) {
	base := book(t, map[string][][]any{"S": {{"x"}}}, "S")
	bomb := rezip(t, base, nil, map[string][]byte{"xl/media/zeros.bin": make([]byte, 64<<20)})
	fs, _ := check(t, bomb, Options{})
	if len(rules(fs)[RuleTooLarge]) != 1 {
		t.Fatalf("findings = %+v", fs)
	}
	big := rezip(t, base, nil, map[string][]byte{"xl/media/noise.bin": bytes.Repeat([]byte("0123456789abcdef"), 1<<16)})
	fs, _ = check(t, big, Options{MaxUncompressed: 512 << 10})
	if len(rules(fs)[RuleTooLarge]) != 1 {
		t.Fatalf("over the total limit: %+v", fs)
	}
}

func TestTemplate(t *testing.T) {
	tmpl, err := FindTemplate("policy-header-example")
	if err != nil {
		t.Fatal(err)
	}
	fs, sum := check(t, book(t, map[string][][]any{"P": policies}, "P"), Options{Template: tmpl})
	if len(fs) != 1 || fs[0].Rule != RuleTemplateSummary || fs[0].Text != "8 columns as the policy-header-example format expects; 2 data rows." || sum.Template != "policy-header-example" {
		t.Fatalf("a conforming workbook: %+v", fs)
	}
	// Swap two columns, drop one, add one, and put bad values in typed cells.
	bad := [][]any{
		{"lob", "Named  Insured", "POLICY NUMBER", "Effective Date", "Expiration Date", "Written Premium", "Company", "Agent"},
		{"BOATS", "Jane", "PA-1", "soon", "2027-11-01", "lots", "X", "A"},
	}
	fs, _ = check(t, book(t, map[string][][]any{"P": bad}, "P"), Options{Template: tmpl})
	got := rules(fs)
	want := map[string][]string{
		RuleTemplateMissing: {"H1"},       // NAIC expected as column 8, "Agent" found there: one finding
		RuleTemplateExtra:   nil,          //
		RuleTemplateOrder:   {"B1", "C1"}, // Policy Number and Named Insured swapped
		RuleTemplateBadCell: {"A2", "D2", "F2"},
	}
	for rule, cells := range want {
		var have []string
		for _, f := range got[rule] {
			have = append(have, f.Cell)
		}
		if fmt.Sprint(have) != fmt.Sprint(cells) {
			t.Errorf("%s at %v, want %v", rule, have, cells)
		}
	}
}

func TestParseTemplateRefusesMistakes(t *testing.T) {
	for _, raw := range []string{
		`{"columns":[{"name":"A"}]}`,
		`{"name":"x","columns":[]}`,
		`{"name":"x","columns":[{"name":"A"},{"name":" a "}]}`,
		`{"name":"x","columns":[{"name":"A","type":"colour"}]}`,
		`{"name":"x","columns":[{"name":"A","type":"one-of"}]}`,
		`{"name":"x","columns":[{"name":"A"}],"surprise":1}`,
		`{"name":"x","header_row":1048577,"columns":[{"name":"A"}]}`, // past a sheet's last row (found by FuzzParseTemplate's promise)
	} {
		if _, err := ParseTemplate([]byte(raw)); err == nil {
			t.Errorf("accepted %s", raw)
		}
	}
}

func TestLegacyXLS(t *testing.T) {
	good := compoundFile(map[string][]byte{"Workbook": biff(bof(), boundsheetRecord("Policies", false), boundsheetRecord("Old", true), eof(), bof(), eof())}, []string{"Workbook"})
	kind, err := ProbeOLE(bytes.NewReader(good), int64(len(good)))
	if err != nil || kind != OLELegacyWorkbook {
		t.Fatalf("ProbeOLE = %v, %v", kind, err)
	}
	fs, sum, checked, err := CheckLegacy(bytes.NewReader(good), int64(len(good)))
	if err != nil || checked == "" {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Rule != RuleLegacyHiddenSheet || fs[0].Sheet != "Old" {
		t.Errorf("findings = %+v", fs)
	}
	if len(sum.Sheets) != 2 || sum.Sheets[0].Name != "Policies" {
		t.Errorf("sheets = %+v", sum.Sheets)
	}
	for name, tc := range map[string]struct {
		stream []byte
		rule   string
	}{
		"password":   {biff(bof(), record(recFILEPASS, make([]byte, 54)), eof()), RuleLegacyEncrypted},
		"no BOF":     {biff(record(0x0042, []byte{1, 2}), eof()), RuleLegacyCorrupt},
		"no EOF":     {biff(bof(), boundsheetRecord("A", false)), RuleLegacyCorrupt},
		"stray EOF":  {biff(bof(), eof(), eof()), RuleLegacyCorrupt},
		"cut record": {append(biff(bof(), eof()), 0x0A, 0x00, 0xFF, 0x00, 1, 2, 3), RuleLegacyCorrupt},
	} {
		cf := compoundFile(map[string][]byte{"Workbook": tc.stream}, []string{"Workbook"})
		fs, _, _, err := CheckLegacy(bytes.NewReader(cf), int64(len(cf)))
		if err != nil || len(fs) != 1 || fs[0].Rule != tc.rule {
			t.Errorf("%s: %+v %v, want %s", name, fs, err, tc.rule)
		}
	}
}

func TestEncryptedAndOtherOLE(t *testing.T) {
	enc := compoundFile(map[string][]byte{"EncryptionInfo": make([]byte, 10), "EncryptedPackage": make([]byte, 10)}, []string{"EncryptionInfo", "EncryptedPackage"})
	if k, err := ProbeOLE(bytes.NewReader(enc), int64(len(enc))); err != nil || k != OLEEncryptedOOXML {
		t.Errorf("encrypted: %v %v", k, err)
	}
	doc := compoundFile(map[string][]byte{"WordDocument": make([]byte, 10)}, []string{"WordDocument"})
	if k, err := ProbeOLE(bytes.NewReader(doc), int64(len(doc))); err != nil || k != OLEOther {
		t.Errorf("word: %v %v", k, err)
	}
}
