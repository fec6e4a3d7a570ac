// Package pipeline holds the upload pipeline's benchmarks (run by
// bench/pipeline-small.sh and bench/pipeline-large.sh). Each prints its
// figures and the ratio to its peer measured in the same run, on the test
// harness's vsftpd:
//
//   - BenchmarkSmallFiles: 500 valid AL3 files of about 4 KiB through
//     `exchange upload` (validation, journal, temporary name, size check,
//     rename) against `lftp mirror -R --parallel=4`;
//   - BenchmarkLargeFile: one valid AL3 file of 1 GiB through the whole
//     service against the bare transfer (one ftpclient Session.Store).
package pipeline
