// Package notices turns the module graph into the third-party notices that
// Exchange's binaries must carry (the MIT, BSD, ISC and Apache-2.0 licences
// of its dependencies ask for their text in a binary distribution), and
// refuses a dependency whose licence is unknown or copyleft.
//
// The module list and each module's licence come from CycloneDX SBOMs made
// by cyclonedx-gomod (scripts/notices.sh runs it for each shipped program
// and system); Generate checks them against the accepted licences and writes
// THIRD_PARTY_NOTICES.txt with every licence file of every module. The
// release builds write it into generated/ before compiling, so that the
// binary embeds it (Text) for `exchange --licenses` and the About dialog,
// and ship the same file beside the executables.
package notices
