// Package archtest holds no code: its test enforces the import rules of
// docs/ARCHITECTURE.md (which floor may import which) on the packages
// as go list sees them, so that a change that breaks a rule fails CI
// instead of waiting for a reviewer to notice.
package archtest
