// Package pipeline holds the upload pipeline's benchmarks (run by
// bench/pipeline-small.sh and bench/pipeline-large.sh). Each prints its
// figures and the ratio to its peer measured in the same run, on the test
// harness's vsftpd:
//
//   - BenchmarkSmallFiles: 500 valid AL3 files of about 4 KiB through
//     `exchange upload` (validation, journal, temporary name, size check,
//     rename) against `lftp mirror -R --parallel=4`, and against the same lftp
//     sending under a temporary name (xfer:use-temp-file), with the CPU time
//     of each tool and of the server: on loopback both share this machine's
//     processors, so each command a tool sends costs it server time too.
//     LATENCY_MS adds a round trip to every command and data connection
//     (bench/latency);
//   - BenchmarkLargeFile: one valid AL3 file of 1 GiB through the whole
//     service against the bare transfer (one ftpclient Session.Store).
//
// `exchange upload` of the same file against `curl -T` is bench/end-to-end.sh.
package pipeline
