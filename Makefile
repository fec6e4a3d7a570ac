# Exchange: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(HOME)/go/bin:$(PATH)
GO ?= go
PKGS := ./...
GUI_TAGS := $(shell . scripts/gui-tags.sh && echo $$GUI_TAGS)

.PHONY: licences notices vulncheck test-windows run test deps-build deps-test deps-bench check unit smoke bench build package-linux package-windows test-installer clean

## run: build and start the window, with the built-in local FTP server as the default target
run: deps-build
	$(GO) run -tags '$(GUI_TAGS)' ./cmd/exchange-gui $(ARGS)

## test: everything CI runs: format, vet, staticcheck, the licence and vulnerability checks, race tests with the real FTP servers, GUI smoke test
test: deps-test check licences vulncheck unit smoke

deps-build:
	@bash scripts/install-deps.sh build
deps-test:
	@bash scripts/install-deps.sh test
deps-bench:
	@bash scripts/install-deps.sh bench

## check: gofmt, go vet and staticcheck
check:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) tool staticcheck $(PKGS)

## licences: SBOMs of the window and the CLI for Linux and Windows (cyclonedx-gomod), and a failure naming
## any module whose licence is unknown or copyleft; the notices and SBOMs land in .cache/notices, and the
## notices in internal/notices/generated, so that the next build embeds them (exchange --licenses, About)
licences notices:
	bash scripts/notices.sh --embed .cache/notices linux windows

## vulncheck: govulncheck over the window and the CLI against the Go vulnerability database that the Go module
## proxy serves (golang.org/x/vulndb); fails on a vulnerable module the code calls, warns on the standard library's
vulncheck:
	bash scripts/vulncheck.sh

## unit: go test -race over every package, the FTP server integration tests included
# -v so that the output names each test and server; the filter keeps the verdict lines.
unit:
	@mkdir -p .cache
	set -o pipefail; EXCHANGE_MATRIX_FILE=$(CURDIR)/.cache/ftp-matrix.txt \
	  $(GO) test -race -timeout 30m -v $(PKGS) 2>&1 | tee .cache/test.log | \
	  grep -E '^\s*--- (PASS|FAIL|SKIP)|^(ok|FAIL|panic:|---)|^\s+\S+_test\.go:[0-9]+:'
	@cat .cache/ftp-matrix.txt 2>/dev/null || true

## smoke: a real window under Xvfb, a real drag-and-drop, the tray through D-Bus, screenshots
smoke:
	bash scripts/smoke-gui.sh $${SMOKE_OUT:-$(CURDIR)/.cache/smoke}

## bench: the benchmark scripts, with the figures and ratios they print
bench: deps-bench
	@for s in bench/*.sh; do echo "== $$s"; bash "$$s" || exit 1; done

build:
	$(GO) build -trimpath -ldflags "$$(bash scripts/build-stamp.sh)" -o bin/ ./cmd/...

## package-windows: Exchange.exe + exchange.exe cross-built with mingw, then the MSI (wixl), signed when SIGN_PKCS12 is set
package-windows: deps-build
	bash packaging/windows/build-msi.sh

## test-installer: sign with a throwaway certificate and verify, then install/run/uninstall the MSI under wine
test-installer: deps-build
	bash packaging/windows/test-signing.sh
	bash packaging/windows/test-install.sh dist/windows/Exchange-$$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' FyneApp.toml)-x64.msi $${INSTALL_SHOTS:-dist/windows/install-test}

## test-windows: the core's tests as Windows binaries (go test -c, GOOS=windows) run under wine64, with counts
test-windows: deps-test
	bash packaging/windows/test-windows.sh

## package-linux: the fyne package tar.xz (binary, .desktop file, icon, LICENSE, THIRD_PARTY_NOTICES.txt),
## and beside it the SBOMs of the window and the CLI (CycloneDX)
package-linux: deps-build
	mkdir -p dist/linux
	bash scripts/notices.sh --embed dist/linux linux
	cp FyneApp.toml dist/linux/.FyneApp.toml.keep
	GOFLAGS="-trimpath $$(bash scripts/build-stamp.sh goflags)" $(GO) tool fyne package -os linux -release -tags '$(GUI_TAGS)' -name Exchange -src cmd/exchange-gui -icon $(CURDIR)/assets/icon.png; \
	  rc=$$?; cp dist/linux/.FyneApp.toml.keep FyneApp.toml; rm -f dist/linux/.FyneApp.toml.keep; exit $$rc
	mv -f cmd/exchange-gui/Exchange.tar.xz dist/linux/ 2>/dev/null || mv -f Exchange.tar.xz dist/linux/
	bash packaging/linux/add-notices.sh dist/linux/Exchange.tar.xz dist/linux/THIRD_PARTY_NOTICES.txt
	ls -l dist/linux

clean:
	rm -rf bin dist .cache
